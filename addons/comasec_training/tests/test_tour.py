"""The trainer's tour (static/tests/tours/comasec_training_tours.js) in headless Chromium,
as the demo trainer: the trainer group alone, as the suite gives that role.

Odoo's HttpCase raises unittest.SkipTest when no Chrome or Chromium is installed, so these
tests are reported as skipped, not failed, on a machine without a browser."""

from odoo.addons.comasec_coop.tests.common import TourScreenshotCase, prepare_browser_server, settings_user
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestTrainerTour(TourScreenshotCase):
    def setUp(self):
        super().setUp()
        self.trainer = self.env.ref("comasec_training.demo_user_trainer", raise_if_not_found=False)
        if not self.trainer:
            self.skipTest("the trainer's tour runs on the demo data")
        prepare_browser_server(self.env)

    def test_trainer_runs_their_session(self):
        trainer_group = self.env.ref("comasec_coop.comasec_coop_group_trainer")
        self.assertEqual(
            self.trainer.groups_id, trainer_group | trainer_group.trans_implied_ids, "the trainer group alone"
        )
        self.run_trainer_tour(self.trainer)

    def test_trainer_made_in_settings_runs_their_session(self):
        user = settings_user(self.env, "trainer_settings", ["comasec_coop.comasec_coop_group_trainer"])
        self.env.ref("comasec_training.demo_trainer_youssef").user_id = user
        self.run_trainer_tour(user)

    def run_trainer_tour(self, user):
        session = self.env.ref("comasec_training.demo_session_hygiene_taliouine")
        self.assertIn(user, session.comasec_trainer_ids.user_id)
        self.start_tour(
            "/odoo/action-comasec_training.event_event_action_training",
            "comasec_training_trainer_session",
            login=user.login,
        )
        registrations = {r.name: r for r in session.registration_ids}
        self.assertEqual(registrations["Lahcen Oubaha"].comasec_attendance_rate, 50)
        self.assertEqual(
            {name: (r.comasec_post_score, r.comasec_result) for name, r in registrations.items()},
            {
                "Fadma Aït Ouaziz": (15, "passed"),
                "Khira Boulkhir": (9, "failed"),
                "Lahcen Oubaha": (14, "failed"),
                "Lalla Hnia Belaïd": (17, "passed"),
            },
        )
        self.assertEqual(
            sorted(session.registration_ids.comasec_certificate_ids.mapped("partner_id.name")),
            ["Fadma Aït Ouaziz", "Lalla Hnia Belaïd"],
        )

    def test_trainer_opens_every_training_screen(self):
        """Every screen of the Training menu, list and first record, opens for the trainer
        without a client error (an access error is one)."""
        visible = (
            self.env["ir.ui.menu"]
            .with_user(self.trainer)
            .search(
                [("id", "child_of", self.env.ref("comasec_training.comasec_training_menu").id), ("action", "!=", False)]
            )
        )
        menus = self.env["ir.ui.menu"].browse(visible.ids)  # read the actions as admin: a user cannot
        actions = [m.action for m in menus if m.action._name == "ir.actions.act_window"]
        self.assertGreaterEqual(len(actions), 4)
        for action in actions:
            record = self.env[action.res_model].with_user(self.trainer).search([], limit=1)
            urls = [
                f"/odoo/action-{action.id}?view_type={mode}" for mode in action.view_mode.split(",") if mode != "form"
            ]
            for url in [*urls, f"/odoo/action-{action.id}/{record.id}"]:
                with self.subTest(action=action.name, url=url):
                    self.browser_js(
                        url,
                        "console.log('test successful')",
                        ready="!!document.querySelector('.o_view_controller')",
                        login="trainer",
                    )
