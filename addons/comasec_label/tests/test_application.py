from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ComasecLabelCase


@tagged("post_install", "-at_install")
class TestApplication(ComasecLabelCase):
    def test_submit_admissible_and_chatter(self):
        application = self.create_application()
        self.assertTrue(application.name.startswith("LA/"))
        self.assertEqual(application.standard_id, self.standard)
        application.with_user(self.label_manager).action_submit()
        self.assertEqual(application.state, "submitted")
        self.assertTrue(application.submit_date)
        self.assertIn(
            "received", " ".join(application.message_ids.mapped("subject") + application.message_ids.mapped("body"))
        )
        application.action_admissible()
        self.assertEqual(application.state, "admissible")

    def test_submission_lists_everything_missing(self):
        coop = self.create_coop("Coopérative sans papiers", register="T-900", ice=None)
        application = self.create_application(coop=coop, products=self.env["product.template"])
        self.make_red(coop)
        with self.assertRaisesRegex(UserError, "cannot be submitted") as cm:
            application.action_submit()
        message = str(cm.exception)
        self.assertIn("products", message)
        self.assertIn("compliance level is red", message)
        self.assertIn("no ICE", message)
        self.assertIn("ONSSA", message)
        self.assertEqual(application.state, "draft")

    def test_expired_onssa_blocks_food_but_not_crafts(self):
        coop = self.create_coop("Coopérative Tazerzit", register="T-901", ice="001561191000066")
        application = self.create_application(coop=coop)
        with self.assertRaisesRegex(UserError, "ONSSA"):
            application.action_submit()
        coop.comasec_coop_sector_ids = self.crafts
        application.action_submit()
        self.assertEqual(application.state, "submitted")

    def test_inadmissible_needs_a_reason_and_standard_is_kept(self):
        application = self.create_application()
        application.action_submit()
        with self.assertRaisesRegex(UserError, "Say why"):
            application.action_inadmissible()
        application.inadmissible_reason = "Statutes missing"
        application.action_inadmissible()
        self.assertEqual(application.state, "inadmissible")
        sent = application.message_ids.filtered(lambda m: "not admissible" in (m.subject or ""))
        self.assertIn("Statutes missing", sent.body)
        new_version = self.standard.copy({"version": "2", "state": "draft"})
        with self.assertRaisesRegex(UserError, "standard it was filed under"):
            application.standard_id = new_version

    def test_application_keeps_its_version_when_a_new_one_is_activated(self):
        application = self.create_application()
        application.action_submit()
        new_version = self.standard.copy({"version": "2"})
        new_version.action_activate()
        self.assertEqual(application.standard_id, self.standard)
        self.assertEqual(self.create_application().standard_id, new_version)

    def test_only_cooperatives_apply(self):
        with self.assertRaisesRegex(Exception, "not a cooperative"):
            self.create_application(coop=self.env["res.partner"].create({"name": "Négociant"}))

    def test_auditor_cannot_submit_or_create(self):
        application = self.create_application()
        with self.assertRaisesRegex(Exception, "not allowed"):
            application.with_user(self.users["auditor"]).action_submit()
