from odoo import Command, api, models
from odoo.exceptions import AccessError, UserError

M = "comasec_accounting_coaching."
# the suite's CGNC statements, by the name their menus give
STATEMENT_REPORTS = {
    "bilan": M + "mis_report_bilan_normal",
    "bilan_simplified": M + "mis_report_bilan_simplified",
    "cpc": M + "mis_report_cpc_normal",
    "cpc_simplified": M + "mis_report_cpc_simplified",
}


class MisReportInstance(models.Model):
    _inherit = "mis.report.instance"

    @api.model
    def _comasec_cooperative_companies(self):
        """The cooperative companies the user works in now (the company switcher's)."""
        companies = self.env.companies.filtered(lambda c: c.partner_id.comasec_is_cooperative)
        if not companies:
            raise UserError(
                self.env._(
                    "None of the companies selected in the company switcher (top right) is a cooperative's: "
                    "select the cooperatives whose statements you want to see. A supervisor adds a cooperative to "
                    "the switcher with Open books on the cooperative (several at once from the cooperatives' list)."
                )
            )
        return companies

    @api.model
    def action_comasec_open_statement(self, statement):
        """The Bilan or CPC (``statement``, a key of STATEMENT_REPORTS) of the selected
        cooperative, the year and the previous one; a list when several are selected."""
        if statement not in STATEMENT_REPORTS:
            raise UserError(self.env._("Unknown statement %s.", statement))
        report = self.env.ref(STATEMENT_REPORTS[statement])
        companies = self._comasec_cooperative_companies()
        instances = self._comasec_statement_instances(report, companies)
        if len(instances) == 1:
            return instances._comasec_preview()
        return {
            "type": "ir.actions.act_window",
            "name": report.name,
            "res_model": "mis.report.instance",
            "views": [
                [self.env.ref("mis_builder.mis_report_instance_view_list").id, "list"],
                [self.env.ref("mis_builder.mis_report_instance_result_view_form").id, "form"],
            ],
            "domain": [("id", "in", instances.ids)],
            "context": {"create": False},
        }

    @api.model
    def _comasec_statement_instances(self, report, companies):
        """Each company's instance of ``report``, created the first time it is asked for."""
        domain = [
            ("report_id", "=", report.id),
            ("company_id", "in", companies.ids),
            ("multi_company", "=", False),
            ("temporary", "=", False),
        ]
        missing = companies - self.search(domain).company_id
        if missing:
            # sudo: mis_builder lets users read report instances only; an instance holds no
            # figures, which are computed with the reader's own rights on the books, and this
            # one is for a company the user works in.
            self.sudo().create([self._comasec_statement_values(report, company) for company in missing])
        instances = self.search(domain, order="id")
        # one per company: the first, should an accountant have made another
        return self.browse([instances.filtered(lambda i, c=c: i.company_id == c)[:1].id for c in companies])

    @api.model
    def _comasec_statement_values(self, report, company):
        return {
            "name": f"{report.name} - {company.name}",
            "report_id": report.id,
            "company_id": company.id,
            "widget_show_pivot_date": True,
            "display_columns_description": True,
            "period_ids": [
                Command.create(
                    {"name": name, "mode": "relative", "type": "comasec_fy", "offset": offset, "sequence": seq}
                )
                for seq, (name, offset) in enumerate([("N", 0), ("N-1", -1)])
            ],
        }

    @api.model
    def action_comasec_open_key_figures(self, by="cooperative"):
        """The supervisors' report: one column per selected cooperative (or per province),
        the calendar year of the report's date, and their total."""
        if not self.env.user.has_group("comasec_coop.comasec_coop_group_supervisor"):
            raise AccessError(self.env._("Only CoMaSec supervisors see the key figures of every cooperative."))
        if by not in ("cooperative", "province"):
            raise UserError(self.env._("The key figures are by cooperative or by province, not by %s.", by))
        companies = self._comasec_cooperative_companies()
        if by == "cooperative":
            columns = [(company.name, [("company_id", "=", company.id)]) for company in companies]
        else:
            columns = [
                (province.name, [("company_id.partner_id.comasec_coop_province_id", "=", province.id)])
                for province in companies.partner_id.comasec_coop_province_id.sorted("name")
            ]
        columns.append((self.env._("Total"), []))
        report = self.env.ref(M + "mis_report_multi_coop")
        # sudo: see _comasec_statement_instances; a temporary instance of the companies the
        # supervisor works in, which mis_builder deletes the next day.
        instance = self.sudo().create(
            {
                "name": report.name,
                "report_id": report.id,
                "temporary": True,
                "company_id": False,
                "multi_company": True,
                "company_ids": [Command.set(companies.ids)],
                "widget_show_pivot_date": True,
                "display_columns_description": True,
                "period_ids": [
                    Command.create(
                        {
                            "name": name,
                            "mode": "relative",
                            "type": "y",
                            "offset": 0,
                            "sequence": seq,
                            "analytic_domain": repr(domain),
                        }
                    )
                    for seq, (name, domain) in enumerate(columns)
                ],
            }
        )
        return self.browse(instance.id)._comasec_preview()

    def _comasec_preview(self):
        """mis_builder's preview, which its report widget finds by the context's active
        record (the widget reads no field value in Odoo 18): as its list's Preview button."""
        self.ensure_one()
        context = {"active_model": self._name, "active_id": self.id, "active_ids": self.ids}
        return self.with_context(**context).preview()
