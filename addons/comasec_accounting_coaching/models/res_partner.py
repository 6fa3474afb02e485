from datetime import timedelta

from odoo import fields, models
from odoo.exceptions import AccessError, UserError


class ResPartner(models.Model):
    _inherit = "res.partner"

    comasec_coop_company_id = fields.Many2one(
        "res.company",
        string="Accounting company",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The company holding this cooperative's books, created by the accounting onboarding.",
    )
    comasec_is_coop_member = fields.Boolean(
        string="Cooperative member",
        compute="_compute_comasec_is_coop_member",
        search="_search_comasec_is_coop_member",
        help="A member, present or past, of a cooperative: what the cooperatives owe them counts as member "
        "payables in the supervisors' key figures.",
    )
    # The cooperative's tax regime: register data, set by CoMaSec supervisors (comasec_coop's
    # _comasec_register_fields_to_check protects every stored comasec_ field of a partner).
    comasec_tax_regime = fields.Selection(
        [
            ("exempt_collect", "Exempt: collects and sells its members' produce only"),
            ("exempt_processing", "Exempt: processes its members' produce, turnover under the ceiling"),
            ("taxable", "Subject to corporate tax"),
        ],
        string="Corporate tax regime",
        tracking=True,
        help="CGI: a cooperative is exempt from corporate tax if it only collects its members' produce and sells "
        "it, or if it processes that produce with a turnover under the ceiling set in Settings (10,000,000 MAD "
        "excluding VAT).",
    )
    comasec_vat_registered = fields.Boolean(
        string="Registered for VAT", tracking=True, help="The cooperative charges and deducts VAT."
    )

    def _compute_comasec_is_coop_member(self):
        members = (
            self.env["comasec.coop.member"].with_context(active_test=False).search([("partner_id", "in", self.ids)])
        )
        for partner in self:
            partner.comasec_is_coop_member = partner in members.partner_id

    def _search_comasec_is_coop_member(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search the cooperative members with = True or = False."))
        members = self.env["comasec.coop.member"].with_context(active_test=False)._search([])
        return [("id", "in" if (operator == "=") == value else "not in", members.subselect("partner_id"))]

    def action_open_accounting_onboarding(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Onboard the cooperative's accounting"),
            "res_model": "comasec.accounting.onboarding",
            "view_mode": "form",
            "target": "new",
            "context": {"default_cooperative_id": self.id},
        }

    def action_view_odco_packs(self):
        return self._comasec_coop_action(
            "comasec_accounting_coaching.comasec_odco_pack_action", "default_cooperative_id"
        )

    def action_open_books(self):
        """Open these cooperatives' books to the supervisor (their companies added to the
        supervisor's, the least recently opened closed beyond the setting) and show their
        customer invoices, in those companies only: the ledgers and statements of the
        Accounting menu then read them."""
        if not self.env.user.has_group("comasec_coop.comasec_coop_group_supervisor"):
            raise AccessError(self.env._("Only CoMaSec supervisors open a cooperative's books this way."))
        if not self:
            raise UserError(self.env._("Select the cooperatives whose books you want to open."))
        without = self.filtered(lambda partner: not partner.comasec_coop_company_id)
        if without:
            raise UserError(
                self.env._(
                    "%(names)s: no books in Odoo yet. Only a cooperative whose accounting was onboarded has books "
                    "to open.",
                    names=", ".join(without[:5].mapped("display_name")),
                )
            )
        return self.env.user._comasec_open_books(
            self.comasec_coop_company_id, "/odoo/action-account.action_move_out_invoice_type"
        )

    def write(self, vals):
        # once onboarded, the company's fiscal year is the one source of the year end
        if "comasec_coop_fiscal_year_end_month" in vals:
            for coop in self.filtered("comasec_coop_company_id"):
                if (
                    str(vals["comasec_coop_fiscal_year_end_month"])
                    != coop.comasec_coop_company_id.fiscalyear_last_month
                ):
                    raise UserError(
                        self.env._(
                            "The fiscal year of %(coop)s is kept by its accounting company %(company)s: change "
                            "its last day in the company's accounting settings.",
                            coop=coop.name,
                            company=coop.comasec_coop_company_id.name,
                        )
                    )
        return super().write(vals)

    def _comasec_fiscal_year_end(self, on_date):
        """Last fiscal-year end on or before ``on_date``, from the accounting company once onboarded."""
        # sudo: whoever reviews a cooperative reads its fiscal year end, also when the
        # company is not among their allowed companies (a supervisor opens books on demand)
        company = self.comasec_coop_company_id.sudo()
        if not company:
            return super()._comasec_fiscal_year_end(on_date)
        start, end = company._comasec_fiscal_year(on_date)
        return end if end == on_date else start - timedelta(days=1)
