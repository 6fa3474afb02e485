import calendar
import re

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import email_normalize

LOGIN_PATTERN = re.compile(r"[\w.@+-]{1,64}")


class ComasecAccountingOnboarding(models.TransientModel):
    _name = "comasec.accounting.onboarding"
    _description = "Onboard a cooperative's accounting"

    cooperative_id = fields.Many2one(
        "res.partner", required=True, domain=[("comasec_is_cooperative", "=", True)], ondelete="cascade"
    )
    bookkeeper_name = fields.Char(required=True)
    bookkeeper_login = fields.Char(required=True, help="Login of the bookkeeper, usually an e-mail address.")
    bookkeeper_email = fields.Char()

    @api.onchange("bookkeeper_login")
    def _onchange_bookkeeper_login(self):
        if self.bookkeeper_login and "@" in self.bookkeeper_login and not self.bookkeeper_email:
            self.bookkeeper_email = self.bookkeeper_login

    def action_onboard(self):
        self.ensure_one()
        self._check_onboarding()
        company = self._create_company()
        self._load_chart(company)
        return self._finish_onboarding(company)

    def _check_onboarding(self):
        """Refuse anything that would leave a half-onboarded cooperative."""
        coop = self.cooperative_id
        if not self.env.user.has_group("comasec_coop.comasec_coop_group_supervisor"):
            raise UserError(self.env._("Only CoMaSec supervisors can onboard a cooperative's accounting."))
        if not coop.comasec_is_cooperative:
            raise UserError(self.env._("%s is not a cooperative.", coop.display_name))
        # sudo: also sees companies of other users' allowed companies, so the check is complete.
        existing = self.env["res.company"].sudo().search([("partner_id", "=", coop.id)], limit=1)
        if coop.comasec_coop_company_id or existing:
            raise UserError(
                self.env._(
                    "%(coop)s already has its accounting company %(company)s: onboarding runs only once.",
                    coop=coop.display_name,
                    company=(coop.comasec_coop_company_id or existing).name,
                )
            )
        self._check_bookkeeper()

    def _finish_onboarding(self, company):
        """The bookkeeper, the onboarding supervisor's access and the note on the cooperative."""
        coop = self.cooperative_id
        user = self._create_bookkeeper(company)
        coop.comasec_coop_company_id = company
        # sudo: see _create_company; the capital register kept before the onboarding opens
        # the books, movement by movement, so that they start equal to it.
        self.env["comasec.coop.capital.movement"].sudo().search(
            [("cooperative_id", "=", coop.id), ("move_id", "=", False)], order="date, id"
        ).with_company(company)._comasec_post_entries()
        coop.message_post(
            body=self.env._(
                "Accounting onboarded: company %(company)s, bookkeeper %(login)s.",
                company=company.name,
                login=user.login,
            )
        )
        # the onboarding supervisor checks the new books first: they are opened to them, and
        # the company's form shown in it (other supervisors open them from the cooperative)
        return self.env.user._comasec_open_books(company, f"/odoo/res.company/{company.id}")

    def _check_bookkeeper(self):
        """Refuse a malformed or taken login before any company is created."""
        if not LOGIN_PATTERN.fullmatch(self.bookkeeper_login):
            raise UserError(
                self.env._(
                    "The login %s is not valid: use at most 64 letters, digits and the signs . @ + - _ "
                    "(usually the bookkeeper's e-mail address).",
                    self.bookkeeper_login[:40],
                )
            )
        if self.bookkeeper_email and not email_normalize(self.bookkeeper_email):
            raise UserError(self.env._("The e-mail address %s is not valid.", self.bookkeeper_email[:40]))
        # sudo: a supervisor may not read every user; this only checks that the login is free.
        taken = self.env["res.users"].sudo().with_context(active_test=False)
        if taken.search_count([("login", "=", self.bookkeeper_login)]):
            raise UserError(self.env._("A user with login %s already exists.", self.bookkeeper_login))

    def _create_company(self):
        coop = self.cooperative_id
        month = int(coop.comasec_coop_fiscal_year_end_month or 12)
        # sudo: creating a company and loading a chart of accounts are reserved to
        # administrators; the wizard checked the supervisor group above and creates
        # exactly one company for this cooperative.
        env = self.env(su=True)
        company = (
            env["res.company"]
            .with_context(comasec_onboarding=True)
            .create(
                {
                    "name": coop.name,
                    "partner_id": coop.id,
                    "country_id": env.ref("base.ma").id,
                    "currency_id": env.ref("base.MAD").id,
                    "fiscalyear_last_month": str(month),
                    # a non-leap year: a February year end is the 28th, accepted every year
                    "fiscalyear_last_day": calendar.monthrange(2023, month)[1],
                }
            )
        )
        # The cooperative partner stays shared (no company) so CoMaSec staff keep seeing it.
        if coop.company_id:
            coop.sudo().company_id = False
        return company

    def _load_chart(self, company):
        # sudo: see _create_company.
        self.env["account.chart.template"].sudo().try_loading("ma", company, install_demo=False)
        company.sudo()._comasec_book_payments_in_liquidity_accounts()
        # sudo: see _create_company; the company's own accounts for the suite's entries.
        company.sudo()._comasec_set_default_accounts()
        # sudo: see _create_company; the new company's taxes named so its bookkeeper reads them.
        company.sudo()._comasec_label_taxes()

    def _create_bookkeeper(self, company):
        # sudo: see _create_company; the user is restricted to the new company only.
        env = self.env(su=True)
        return (
            env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": self.bookkeeper_name,
                    "login": self.bookkeeper_login,
                    "email": self.bookkeeper_email,
                    "company_id": company.id,
                    "company_ids": [Command.set(company.ids)],
                    "groups_id": [
                        Command.set(
                            [
                                env.ref("base.group_user").id,
                                env.ref("comasec_coop.comasec_coop_group_bookkeeper").id,
                                env.ref("account.group_account_invoice").id,
                                # to add the customers the cooperative sells to
                                env.ref("base.group_partner_manager").id,
                                # to record the cooperative's workers; HR's multi-company rules
                                # keep them to the bookkeeper's only company
                                env.ref("hr.group_hr_user").id,
                            ]
                        )
                    ],
                }
            )
        )
