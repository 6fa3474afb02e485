from odoo.addons.comasec_coop.tests.common import ComasecCoopCase


class ComasecAccountingCase(ComasecCoopCase):
    """Two onboarded cooperatives (companies with the Moroccan chart) and their bookkeepers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coop.write({"coop_if": "12345678", "coop_tp": "47101234", "coop_fiscal_year_end_month": "12"})
        cls.other_coop.write({"coop_if": "87654321", "coop_tp": "47109999", "coop_fiscal_year_end_month": "6"})
        cls.company = cls.onboard(cls.coop, "tifawin")
        cls.other_company = cls.onboard(cls.other_coop, "amalou")
        cls.bookkeeper = cls.env["res.users"].search([("login", "=", "bk_tifawin")])
        cls.other_bookkeeper = cls.env["res.users"].search([("login", "=", "bk_amalou")])

    @classmethod
    def onboard(cls, coop, key):
        wizard = (
            cls.env["comasec.accounting.onboarding"]
            .with_user(cls.users["supervisor"])
            .create(
                {
                    "cooperative_id": coop.id,
                    "bookkeeper_name": f"Bookkeeper {key}",
                    "bookkeeper_login": f"bk_{key}",
                    "bookkeeper_email": f"bk_{key}@coop.example",
                }
            )
        )
        wizard.action_onboard()
        return coop.coop_company_id

    @classmethod
    def company_env(cls, user, company):
        return cls.env(user=user, context=dict(cls.env.context, allowed_company_ids=company.ids))
