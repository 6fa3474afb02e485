import re
from datetime import timedelta
from html import unescape

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import ComasecAccountingCase


@tagged("post_install", "-at_install")
class TestCoaching(ComasecAccountingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        supervisor = cls.users["supervisor"]
        cls.plan = (
            cls.env["comasec.coaching.plan"]
            .with_user(supervisor)
            .create(
                {
                    "name": "Tenue des livres 2026",
                    "cooperative_id": cls.coop.id,
                    "date_end": cls.today + timedelta(days=180),
                    "objectives": "<p>Saisir les ventes chaque semaine</p>",
                }
            )
        )
        cls.visit = (
            cls.env["comasec.coaching.visit"]
            .with_user(supervisor)
            .create(
                {
                    "plan_id": cls.plan.id,
                    "date": cls.today,
                    "participant_ids": [Command.set(cls.bookkeeper.partner_id.ids)],
                    "recommendations": "<p>Clôturer l'exercice</p>",
                }
            )
        )

    def test_visit_findings_actions_and_report(self):
        self.env["comasec.accounting.health"]._compute_snapshots(self.company, self.today)
        self.visit.action_load_findings()
        self.assertIn("last_entry", self.visit.finding_ids.mapped("indicator"), "empty books are a finding")
        # an agreed action is a to-do activity of the visit, as the coach schedules it from the chatter
        self.visit.activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=self.today + timedelta(days=14),
            summary="Saisir les ventes de mai",
            user_id=self.bookkeeper.id,
        )
        self.assertEqual(self.visit.open_action_count, 1)
        activity = self.visit.activity_ids
        self.assertEqual((activity.user_id, activity.date_deadline), (self.bookkeeper, self.today + timedelta(days=14)))
        self.assertEqual(self.plan.visit_count, 1)
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "comasec_accounting_coaching.comasec_coaching_visit_report", self.visit.ids
        )
        text = " ".join(unescape(re.sub(r"<[^>]+>", " ", html.decode())).split())
        for expected in (
            "Coopérative Tifawin",
            "Saisir les ventes de mai",
            "Bookkeeper tifawin",
            "Clôturer l'exercice",
        ):
            self.assertIn(expected, text)
        pdf, _kind = self.env["ir.actions.report"]._render_qweb_pdf(
            "comasec_accounting_coaching.comasec_coaching_visit_report", self.visit.ids
        )
        self.assertTrue(pdf)

    def test_access(self):
        env_a = self.company_env(self.bookkeeper, self.company)
        self.assertEqual(env_a["comasec.coaching.visit"].search([]), self.visit)
        env_b = self.company_env(self.other_bookkeeper, self.other_company)
        self.assertFalse(env_b["comasec.coaching.plan"].search([]))
        with self.assertRaises(AccessError):
            env_a["comasec.coaching.visit"].browse(self.visit.id).write({"recommendations": "x"})

    def test_plan_dates(self):
        with self.assertRaisesRegex(ValidationError, "ends before it starts"):
            self.plan.date_end = self.today - timedelta(days=400)
