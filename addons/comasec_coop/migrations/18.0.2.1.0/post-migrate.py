def migrate(cr, version):
    # Findings were stored as sentences in the evaluator's language: kept as they are
    # (rendered unchanged) until the review is evaluated again and stores them as facts.
    cr.execute(
        """
        UPDATE comasec_compliance_review_line
           SET explanation_data = jsonb_build_object('text', explanation)
         WHERE explanation IS NOT NULL AND explanation_data IS NULL
        """
    )
