def migrate(cr, version):
    # Each member's join and exit become their first membership period, so that the
    # register keeps them when the member leaves and comes back.
    cr.execute(
        """
        INSERT INTO comasec_coop_member_period
               (member_id, cooperative_id, join_date, exit_date, exit_reason,
                create_uid, create_date, write_uid, write_date)
        SELECT m.id, m.cooperative_id, m.join_date, m.exit_date, m.exit_reason,
               m.create_uid, m.create_date, m.write_uid, m.write_date
          FROM comasec_coop_member m
         WHERE m.join_date IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM comasec_coop_member_period p WHERE p.member_id = m.id)
        """
    )
