import re

from odoo.tests import Form, new_test_user, tagged

from .common import ComasecCoopCase


@tagged("post_install", "-at_install")
class TestPartnersForOdooUsers(ComasecCoopCase):
    """A cooperative's other users work in plain Odoo screens on the same contacts:
    what we add to res.partner neither fails nor shows the suite's data for them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # An internal user with contact rights and none of the suite's groups (made with
        # only these groups: Settings > Users would add what apps put on the template).
        cls.clerk = new_test_user(cls.env, "guard_clerk", groups="base.group_user,base.group_partner_manager")

    def test_partner_form(self):
        Partner = self.env["res.partner"].with_user(self.clerk)
        arch = Partner.get_views([(False, "form")])["views"]["form"]["arch"]
        # in test mode Odoo annotates each field with the nodes that read it (data-used-by),
        # also the nodes its groups remove: what the user gets are the nodes themselves
        arch = re.sub(r' data-used-by="[^"]*"', "", arch)
        self.assertNotIn("coop_", arch)
        self.assertNotIn("compliance_", arch)
        form = Form(Partner.create({"name": "Hassan"}))
        form.phone = "+212 600 000 000"
        form.save()
        # The suite's users still get the cooperative's page.
        supervisor_arch = (
            self.env["res.partner"].with_user(self.users["supervisor"]).get_views([(False, "form")])["views"]["form"]
        )["arch"]
        self.assertIn("comasec_coop_funding_ids", supervisor_arch)

    def test_suite_fields_hidden(self):
        offered = self.env["res.partner"].with_user(self.clerk).fields_get()
        for name in (
            "comasec_coop_member_ids",
            "comasec_coop_funding_ids",
            "comasec_coop_creation_step_ids",
            "comasec_compliance_review_ids",
        ):
            self.assertNotIn(name, offered)
