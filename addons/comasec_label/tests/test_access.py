from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ComasecLabelCase


@tagged("post_install", "-at_install")
class TestAccess(ComasecLabelCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_portal = cls.env["res.users"].create(
            {
                "name": "Other portal",
                "login": "label_other_portal",
                "partner_id": cls.env["res.partner"].create({"name": "Other", "parent_id": cls.other_coop.id}).id,
                "groups_id": [(6, 0, [cls.env.ref("base.group_portal").id])],
            }
        )

    def setUp(self):
        super().setUp()
        self.mine = self.create_application()
        self.certificate = self.certify(self.mine)
        self.theirs = self.create_application(coop=self.other_coop)
        self.audit_application(self.theirs, failing={"GOV-02": "major"})
        self.my_nc = self.audit_application(
            self.create_application(products=self.amlou), failing={"LOCAL-01": "minor"}
        ).nonconformity_ids

    def test_portal_user_sees_only_its_cooperative(self):
        portal = self.portal_user
        Application = self.env["comasec.label.application"].with_user(portal)
        self.assertIn(self.mine, Application.search([]))
        self.assertNotIn(self.theirs, Application.search([]))
        self.assertEqual(set(Application.search([]).cooperative_id.ids), {self.coop.id})
        self.assertEqual(self.env["comasec.label.certificate"].with_user(portal).search([]).cooperative_id, self.coop)
        ncs = self.env["comasec.label.nonconformity"].with_user(portal).search([])
        self.assertIn(self.my_nc, ncs)
        self.assertFalse(ncs.filtered(lambda nc: nc.cooperative_id == self.other_coop))
        with self.assertRaises(AccessError):
            self.theirs.with_user(portal).read(["name"])
        with self.assertRaises(AccessError):
            self.theirs.nonconformity_ids.with_user(portal).read(["finding"])
        with self.assertRaises(AccessError):
            self.env["comasec.label.audit"].with_user(portal).search([])

    def test_portal_user_proposes_a_corrective_action_with_evidence(self):
        nc = self.my_nc.with_user(self.portal_user)
        with self.assertRaises(AccessError):
            nc.corrective_action = "Direct write"
        nc._portal_propose_action("Buy from the douar's producers", [("invoice.pdf", b"%PDF-1.4 test")])
        self.assertEqual(self.my_nc.state, "action_proposed")
        self.assertEqual(self.my_nc.evidence_ids.name, "invoice.pdf")
        with self.assertRaisesRegex(UserError, "already proposed"):
            nc._portal_propose_action("Again")
        other_nc = self.theirs.nonconformity_ids.with_user(self.portal_user)
        with self.assertRaises(AccessError):
            other_nc._portal_propose_action("Not mine")
        self.assertEqual(self.theirs.nonconformity_ids.state, "open")

    def test_staff_groups(self):
        supervisor = self.users["supervisor"]
        self.assertTrue(self.certificate.with_user(supervisor).name)
        with self.assertRaises(AccessError):
            self.certificate.with_user(supervisor).expiry_date = "2099-01-01"
        with self.assertRaises(AccessError):
            self.env["comasec.label.application"].with_user(self.users["auditor"]).create(
                {"cooperative_id": self.coop.id}
            )
        with self.assertRaises(AccessError):
            self.theirs.audit_ids.with_user(self.users["committee"]).summary = "<p>x</p>"
        with self.assertRaises(AccessError):
            self.env["comasec.label.application"].with_user(self.users["employee"]).search([])
        with self.assertRaises(AccessError):
            self.env["comasec.label.certificate"].with_user(self.users["trainer"]).search([])
