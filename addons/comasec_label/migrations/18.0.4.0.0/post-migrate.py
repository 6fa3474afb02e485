def migrate(cr, version):
    # Certificates issued on 29 February were given the 27 February of their last year
    # (one day short); they last to the 28th. An expired certificate reached its new
    # last day already, except on that 28 February itself, when the job runs again.
    cr.execute(
        """
        UPDATE comasec_label_certificate
           SET expiry_date = expiry_date + 1
         WHERE EXTRACT(MONTH FROM issue_date) = 2 AND EXTRACT(DAY FROM issue_date) = 29
           AND EXTRACT(MONTH FROM expiry_date) = 2 AND EXTRACT(DAY FROM expiry_date) = 27
        """
    )
