from datetime import timedelta

from odoo.addons.comasec_coop.tests.common import ComasecCoopCase, RpcCase, settings_user
from odoo.tests import tagged

SUPERVISOR = "comasec_coop.comasec_coop_group_supervisor"


@tagged("post_install", "-at_install")
class TestCoachingRpc(RpcCase, ComasecCoopCase):
    """The status of a coaching plan and of a visit, over JSON-RPC as the supervisor who
    coaches: refused by hand, moved by the buttons, in their order."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coach = settings_user(cls.env, "rpc_coach", [SUPERVISOR])

    def test_plan_and_visit_state_only_through_their_buttons(self):
        plan_id = self.call_as(
            self.coach,
            "comasec.coaching.plan",
            "create",
            {"name": "Tenue des livres", "cooperative_id": self.coop.id, "date_end": str(self.today + timedelta(90))},
        )
        plan = self.env["comasec.coaching.plan"].browse(plan_id)
        self.assertRefused(self.coach, plan._name, "write", plan.ids, {"state": "done"}, error="cannot be set by hand")
        self.assertRefused(self.coach, plan._name, "action_done", plan.ids, error="not in progress")
        self.call_as(self.coach, plan._name, "action_start", plan.ids)
        self.assertRefused(self.coach, plan._name, "action_start", plan.ids, error="not a draft")
        self.assertEqual(plan.state, "active")

        visit_id = self.call_as(self.coach, "comasec.coaching.visit", "create", {"plan_id": plan.id})
        visit = self.env["comasec.coaching.visit"].browse(visit_id)
        self.assertRefused(
            self.coach, visit._name, "write", visit.ids, {"state": "done"}, error="cannot be set by hand"
        )
        self.assertRefused(
            self.coach,
            visit._name,
            "create",
            {"plan_id": plan.id, "state": "done"},
            error="cannot be set by hand",
        )
        self.assertEqual(visit.state, "planned")
        self.call_as(self.coach, visit._name, "action_done", visit.ids)
        self.assertEqual(visit.state, "done")

        self.call_as(self.coach, plan._name, "action_done", plan.ids)
        self.assertEqual(plan.state, "done")
        self.assertRefused(
            self.coach, plan._name, "write", plan.ids, {"state": "active"}, error="cannot be set by hand"
        )
        self.assertEqual(plan.state, "done")
