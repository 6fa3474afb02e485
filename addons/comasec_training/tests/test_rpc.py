from datetime import date

from odoo.addons.comasec_coop.tests.common import RpcCase, settings_user
from odoo.tests import tagged

from .common import ComasecTrainingCase


@tagged("post_install", "-at_install")
class TestTrainingRpc(RpcCase, ComasecTrainingCase):
    """A training certificate over JSON-RPC as the trainer of its session, who may edit
    certificates: its status and dates are refused by hand, Revoke still works."""

    def test_certificate_only_through_revoke(self):
        trainer = settings_user(self.env, "rpc_trainer", ["comasec_coop.comasec_coop_group_trainer"])
        employee = self.env["hr.employee"].create({"name": "RPC Trainer", "user_id": trainer.id})
        session = self.create_session(name="RPC session", days=[(date(2026, 3, 2), "full")], trainers=employee)
        registrations = self.enrol(session, self.add_members(self.coop, 1))
        self.attend(registrations)
        registrations.comasec_post_score = 15
        certificate = registrations.action_issue_certificate()
        for vals in ({"state": "revoked"}, {"issue_date": "2020-01-01"}, {"expiry_date": "2099-12-31"}):
            with self.subTest(vals=vals):
                self.assertRefused(
                    trainer, certificate._name, "write", certificate.ids, vals, error="cannot be set by hand"
                )
        self.assertEqual(certificate.state, "issued")
        self.call_as(trainer, certificate._name, "action_revoke", certificate.ids)
        self.assertEqual(certificate.state, "revoked")
        self.assertRefused(
            trainer, certificate._name, "write", certificate.ids, {"state": "issued"}, error="cannot be set by hand"
        )
        self.assertEqual(certificate.state, "revoked")
