from odoo import Command, models
from odoo.addons.comasec_coop.models.comasec_params import get_param
from odoo.exceptions import UserError
from odoo.http import request

OPEN_BOOKS_LIMIT = "comasec_accounting_coaching.supervisor_open_books_limit"


class ResUsers(models.Model):
    _inherit = "res.users"

    def _comasec_open_books(self, companies, url):
        """Open the books of ``companies`` (cooperatives' companies) for this supervisor and
        reload the web client at ``url`` with them active.

        Odoo's multi-company record rules on accounting are global rules
        (``company_id in company_ids``) that no group rule can widen, so a supervisor
        reads a cooperative's books only when its company is among their allowed
        companies; write access stays refused by the suite's global rules. Odoo sends
        every allowed company with each page load and computes that list in a time that
        grows with its square, so a supervisor keeps the most recently opened ones only
        (the setting): beyond it, the least recently opened are taken out again. A
        company given otherwise (by an administrator) stays until the user opens it here;
        the user's own company always stays."""
        self.ensure_one()
        limit = get_param(self.env, OPEN_BOOKS_LIMIT)
        if not isinstance(limit, int) or limit < 1:
            raise UserError(
                self.env._(
                    "The setting %(key)s holds %(value)s: the number of cooperatives' books a supervisor keeps "
                    "open must be 1 or more (Settings > CoMaSec).",
                    key=OPEN_BOOKS_LIMIT,
                    value=limit,
                )
            )
        if len(companies) > limit:
            raise UserError(
                self.env._(
                    "%(count)s cooperatives selected: a supervisor keeps at most %(limit)s cooperatives' books open "
                    "at once. Select fewer.",
                    count=len(companies),
                    limit=limit,
                )
            )
        # sudo: a user may not change their own allowed companies nor read the opened books'
        # rows directly; callers checked that the user is a supervisor and that these are
        # cooperatives' companies, which the supervisor group is meant to read.
        user = self.sudo()
        Opened = self.env["comasec.opened.books"].sudo()
        # opened again: a new row, the most recent (rows are ordered by id, newest first)
        Opened.search([("user_id", "=", self.id), ("company_id", "in", companies.ids)]).unlink()
        Opened.create([{"user_id": self.id, "company_id": company.id} for company in companies])
        closed = Opened.search([("user_id", "=", self.id)])[limit:]
        added, removed = companies - user.company_ids, closed.company_id - user.company_id
        closed.unlink()
        if added or removed:
            # only on a change: Odoo clears every cache of the registry when allowed companies change
            user.write({"company_ids": [Command.link(c.id) for c in added] + [Command.unlink(c.id) for c in removed]})
        if request:
            # the web client keeps its active companies in this cookie, checked against the
            # allowed ones at each page load (as Odoo's /mail/view sets it for a record)
            request.future_response.set_cookie("cids", "-".join(str(c.id) for c in companies))
        return {"type": "ir.actions.act_url", "url": url, "target": "self"}
