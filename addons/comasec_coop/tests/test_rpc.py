from datetime import date

from odoo import Command
from odoo.tests import tagged

from .common import ComasecCoopCase, RpcCase, settings_user

SUPERVISOR = "comasec_coop.comasec_coop_group_supervisor"
MANAGER = "comasec_coop.comasec_coop_group_manager"


@tagged("post_install", "-at_install")
class TestCoopRpc(RpcCase, ComasecCoopCase):
    """The status of a general assembly and of a territorial diagnosis, over JSON-RPC as the
    users who may edit them: refused by hand, moved by the buttons."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rpc_manager = settings_user(cls.env, "rpc_coop_manager", [MANAGER])
        cls.rpc_supervisor = settings_user(cls.env, "rpc_coop_supervisor", [SUPERVISOR])
        cls.add_members(cls.coop, 3)

    def test_assembly_state_only_through_its_buttons(self):
        """Marked held by hand, an assembly would never have been convened nor dated."""
        assembly = self.env["comasec.coop.assembly"].create({"cooperative_id": self.coop.id, "fiscal_year": 2025})
        self.assertRefused(
            self.rpc_manager, assembly._name, "write", assembly.ids, {"state": "held"}, error="cannot be set by hand"
        )
        self.assertRefused(
            self.rpc_manager,
            assembly._name,
            "create",
            {"cooperative_id": self.coop.id, "fiscal_year": 2025, "state": "held"},
            error="cannot be set by hand",
        )
        self.assertEqual(assembly.state, "draft")
        self.call_as(self.rpc_manager, assembly._name, "action_convene", assembly.ids)
        self.assertEqual((assembly.state, len(assembly.attendance_ids)), ("convened", 3))
        self.assertRefused(self.rpc_manager, assembly._name, "action_hold", assembly.ids, error="Enter the date")
        self.call_as(self.rpc_manager, assembly._name, "write", assembly.ids, {"held_date": self.today.isoformat()})
        self.call_as(self.rpc_manager, assembly._name, "action_hold", assembly.ids)
        self.assertEqual(assembly.state, "held")
        self.assertRefused(
            self.rpc_manager, assembly._name, "write", assembly.ids, {"state": "draft"}, error="cannot be set by hand"
        )
        self.assertEqual(assembly.state, "held")

    def test_diagnosis_state_only_through_its_buttons(self):
        """Reported by hand, a diagnosis would skip its feedback sessions with the population."""
        diagnosis = self.env["comasec.territorial.diagnosis"].create(
            {
                "name": "Diagnostic Tiznit",
                "province_id": self.province.id,
                "date_start": date(2025, 1, 1),
                "date_end": date(2025, 3, 1),
            }
        )
        self.call_as(self.rpc_supervisor, diagnosis._name, "action_field", diagnosis.ids)
        self.assertEqual(diagnosis.state, "field")
        self.assertRefused(self.rpc_supervisor, diagnosis._name, "action_field", diagnosis.ids, error="only a planned")
        self.assertRefused(
            self.rpc_supervisor,
            diagnosis._name,
            "write",
            diagnosis.ids,
            {"state": "reported"},
            error="cannot be set by hand",
        )
        self.assertRefused(self.rpc_supervisor, diagnosis._name, "action_reported", diagnosis.ids, error="feedback")
        self.assertEqual(diagnosis.state, "field")
        self.call_as(
            self.rpc_supervisor,
            diagnosis._name,
            "write",
            diagnosis.ids,
            {"feedback_ids": [Command.create({"date": "2025-02-20", "audience": "population"})]},
        )
        self.call_as(self.rpc_supervisor, diagnosis._name, "action_reported", diagnosis.ids)
        self.assertEqual(diagnosis.state, "reported")
