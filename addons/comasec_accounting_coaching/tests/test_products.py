from odoo.tests import Form, tagged

from .common import ComasecAccountingCase


@tagged("post_install", "-at_install")
class TestCooperativeProducts(ComasecAccountingCase):
    def test_a_bookkeepers_product_is_their_cooperatives_own(self):
        form = Form(self.env["product.template"].with_user(self.bookkeeper).with_company(self.company))
        form.name = "Savon à l'argan 100 g"
        form.list_price = 45.0
        product = form.save()
        self.assertEqual(product.company_id, self.company)
        # the other cooperative's bookkeeper neither finds nor reads it
        other = self.env["product.template"].with_user(self.other_bookkeeper).with_company(self.other_company)
        self.assertFalse(other.search([("name", "=", "Savon à l'argan 100 g")]))
        # and a cooperative onboarded later does not add its taxes to it
        third = self.create_coop("Coopérative Tamount", register="T-103", ice="700003125000129")
        third.write({"comasec_coop_if": "11223344", "comasec_coop_fiscal_year_end_month": "12"})
        self.onboard(third, "tamount")
        self.assertEqual(product.taxes_id.company_id, self.company)

    def test_a_product_made_in_comasecs_company_stays_shared(self):
        product = self.env["product.template"].create({"name": "Formation comptable"})
        self.assertFalse(product.company_id)
