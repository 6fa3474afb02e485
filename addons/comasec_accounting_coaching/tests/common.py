from datetime import date

from odoo import Command
from odoo.addons.comasec_coop.tests.common import ComasecCoopCase

from .year_books import YearBooks


class ComasecAccountingCase(ComasecCoopCase):
    """Two onboarded cooperatives (companies with the Moroccan chart) and their bookkeepers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coop.write(
            {"comasec_coop_if": "12345678", "comasec_coop_tp": "47101234", "comasec_coop_fiscal_year_end_month": "12"}
        )
        cls.other_coop.write(
            {"comasec_coop_if": "87654321", "comasec_coop_tp": "47109999", "comasec_coop_fiscal_year_end_month": "6"}
        )
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
        return coop.comasec_coop_company_id

    @classmethod
    def company_env(cls, user, company):
        return cls.env(user=user, context=dict(cls.env.context, allowed_company_ids=company.ids))


class TwoYearsCase(ComasecAccountingCase):
    """Two cooperatives' fiscal years run by their bookkeepers: Tifawin from January to
    December 2025, Amalou (year ending in June) from July 2024 to June 2025 with twice the
    quantities and wages; each closed, its surplus allocated, and the next year begun."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        no_taxes = {"taxes_id": [Command.clear()], "supplier_taxes_id": [Command.clear()]}
        products = {
            key: cls.env["product.product"].create({"name": name, **no_taxes})
            for key, name in (
                ("oil", "Huile d'argan 1 L"),
                ("soap", "Savon à l'argan"),
                ("kernels", "Amandons d'argan (kg)"),
                ("jars", "Bocaux en verre"),
            )
        }
        cls.books, cls.wizards = {}, {}
        for key, coop, company, user, start, scale in (
            ("tifawin", cls.coop, cls.company, cls.bookkeeper, date(2025, 1, 1), 1),
            ("amalou", cls.other_coop, cls.other_company, cls.other_bookkeeper, date(2024, 7, 1), 2),
        ):
            # members who subscribe on the first day and pay nothing through the register: the
            # scenario books the capital paid in itself (open_books)
            members = cls.add_members(coop, 3, paid=0, join=start)
            books = YearBooks(cls.company_env(user, company), company, members, products, start, scale).run()
            cls.books[key] = books
            cls.wizards[key] = books.close_and_allocate()
            books.reopen()
        cls.env.flush_all()
