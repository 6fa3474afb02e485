"""18.0.3.0.0: members' join and exit become membership periods and their shares opening
capital movements; a cooperative never reviewed has the compliance level "Not reviewed"
(the cockpit's last column) instead of none; the levels already computed stay."""

from odoo import SUPERUSER_ID, api


def _not_reviewed(cr):
    env = api.Environment(cr, SUPERUSER_ID, {})
    Partner = env["res.partner"].with_context(active_test=False)
    never = Partner.search([("comasec_is_cooperative", "=", True), ("comasec_compliance_level", "=", False)])
    env.add_to_compute(Partner._fields["comasec_compliance_level"], never)
    never.flush_recordset(["comasec_compliance_level"])


def _registers(cr):
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
    # Each member's shares become their opening capital movements on the join date: a
    # subscription of their shares and a payment of the shares paid, at today's share value.
    cr.execute(
        """
        WITH opening AS (
            SELECT m.id AS member_id, m.cooperative_id, m.join_date, m.shares_subscribed, m.shares_paid,
                   c.comasec_coop_share_value AS value, m.create_uid, m.create_date
              FROM comasec_coop_member m
              JOIN res_partner c ON c.id = m.cooperative_id
             WHERE NOT EXISTS (SELECT 1 FROM comasec_coop_capital_movement mv WHERE mv.member_id = m.id)
        )
        INSERT INTO comasec_coop_capital_movement
               (member_id, cooperative_id, date, kind, shares, share_value, amount, unpaid_cancelled,
                create_uid, create_date, write_uid, write_date)
        SELECT member_id, cooperative_id, join_date, 'subscription', shares_subscribed, value,
               shares_subscribed * value, 0, create_uid, create_date, create_uid, create_date
          FROM opening WHERE shares_subscribed > 0
         UNION ALL
        SELECT member_id, cooperative_id, join_date, 'payment', 0, value,
               shares_paid * value, 0, create_uid, create_date, create_uid, create_date
          FROM opening WHERE shares_paid > 0
        """
    )
    # the members' amounts now come from the register: those who left keep their capital
    # until it is refunded, and the cooperatives' totals count it
    cr.execute(
        """
        UPDATE comasec_coop_member m
           SET amount_to_pay = m.amount_subscribed - m.amount_paid,
               amount_to_refund = CASE WHEN m.exit_date IS NOT NULL THEN m.amount_paid ELSE 0 END
        """
    )
    cr.execute(
        """
        UPDATE res_partner p
           SET comasec_coop_capital_subscribed = t.subscribed, comasec_coop_capital_paid = t.paid
          FROM (SELECT cooperative_id, SUM(amount_subscribed) AS subscribed, SUM(amount_paid) AS paid
                  FROM comasec_coop_member WHERE active GROUP BY cooperative_id) t
         WHERE p.id = t.cooperative_id
        """
    )


def migrate(cr, version):
    _registers(cr)
    _not_reviewed(cr)
