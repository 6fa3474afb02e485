from odoo import fields, models


class ComasecOpenedBooks(models.Model):
    """A cooperative's books a supervisor opened (its company added to their allowed
    companies by ``res.users._comasec_open_books``), and when they last did: the
    least recent are closed again beyond the setting's number."""

    _name = "comasec.opened.books"
    _description = "Cooperative books opened by a supervisor"
    # a row is made anew each time the books are opened: the newest first
    _order = "id desc"

    user_id = fields.Many2one("res.users", required=True, index=True, ondelete="cascade", readonly=True)
    company_id = fields.Many2one("res.company", required=True, ondelete="cascade", readonly=True)
    cooperative_id = fields.Many2one(related="company_id.partner_id", string="Cooperative")
    opened_at = fields.Datetime(string="Opened on", required=True, default=fields.Datetime.now, readonly=True)

    _sql_constraints = [
        ("user_company_unique", "unique(user_id, company_id)", "A supervisor opens a cooperative's books once."),
    ]
