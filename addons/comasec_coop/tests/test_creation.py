from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from ..models.comasec_coop_creation_step import CREATION_STEPS, first_missing_before
from .common import ComasecCoopCase


@tagged("post_install", "-at_install")
class TestCreationSteps(ComasecCoopCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.prospect = cls.create_coop("Coopérative Tafsut (en création)", comasec_coop_state="prospect")
        cls.document = cls.env["ir.attachment"].create({"name": "certificat.pdf", "raw": b"%PDF-1.4 test"})

    def steps(self, coop=None):
        return (coop or self.prospect).comasec_coop_creation_step_ids.sorted("sequence")

    def fill(self, step, **vals):
        step.write(
            {
                "date": date(2026, 1, 10),
                "user_id": self.users["supervisor"].id,
                "attachment_ids": [(6, 0, self.document.ids)],
                **vals,
            }
        )
        return step

    def test_first_missing_before(self):
        self.assertIsNone(first_missing_before("name_approval", set()))
        self.assertEqual(first_missing_before("bank_account", {"name_approval"}), "statutes")
        self.assertIsNone(first_missing_before("inscription", {key for key, _l in CREATION_STEPS[:4]}))

    def test_prospect_gets_the_legal_steps_in_order(self):
        self.assertEqual(self.steps().mapped("step"), [key for key, _label in CREATION_STEPS])
        self.assertEqual(set(self.steps().mapped("state")), {"todo"})
        self.assertFalse(self.coop.comasec_coop_creation_step_ids, "a registered cooperative has no creation steps")

    def test_steps_cannot_be_completed_out_of_order(self):
        bank = self.fill(self.steps()[2])
        with self.assertRaisesRegex(ValidationError, "complete the step “Name approval"):
            bank.action_complete()
        self.assertEqual(bank.state, "todo")

    def test_step_needs_date_document_and_responsible(self):
        step = self.steps()[0]
        step.user_id = False
        with self.assertRaisesRegex(UserError, "give the date, document, responsible"):
            step.action_complete()
        self.assertEqual(step.state, "todo")

    def test_registered_only_when_inscription_recorded(self):
        with self.assertRaisesRegex(ValidationError, "only when its inscription"):
            self.prospect.comasec_coop_state = "registered"
        self.assertEqual(self.prospect.comasec_coop_state, "prospect")
        steps = self.steps()
        for step in steps[:4]:
            self.fill(step).action_complete()
        self.assertEqual(self.prospect.comasec_coop_state, "prospect")
        inscription = self.fill(steps[4], date=date(2026, 3, 2))
        with self.assertRaisesRegex(UserError, "register number"):
            inscription.action_complete()
        inscription.register_number = "T-2026-77"
        inscription.action_complete()
        self.assertEqual(self.prospect.comasec_coop_state, "registered")
        self.assertEqual(self.prospect.comasec_coop_register_number, "T-2026-77")
        self.assertEqual(self.prospect.comasec_coop_register_date, date(2026, 3, 2))
        # Its history stays on the cooperative: one message per step done.
        bodies = self.prospect.message_ids.mapped("body")
        self.assertEqual(sum("Creation step done" in body for body in bodies), 5)
        with self.assertRaisesRegex(UserError, "cannot be undone"):
            inscription.action_reset()

    def test_earlier_step_cannot_be_reopened_after_a_later_one(self):
        first, second = self.steps()[:2]
        self.fill(first).action_complete()
        self.fill(second).action_complete()
        with self.assertRaisesRegex(ValidationError, "cannot be reopened while a later step is done"):
            first.action_reset()
        second.action_reset()
        self.assertEqual(second.state, "todo")

    def test_access(self):
        other_prospect = self.create_coop("Autre coopérative en création", comasec_coop_state="prospect")
        portal_coop_steps = self.create_coop("Portal prospect", comasec_coop_state="prospect")
        self.portal_user.partner_id.parent_id = portal_coop_steps
        Step = self.env["comasec.coop.creation.step"]
        self.assertEqual(Step.with_user(self.portal_user).search([]), self.steps(portal_coop_steps))
        with self.assertRaises(AccessError):
            self.steps(other_prospect)[0].with_user(self.portal_user).read(["step"])
        with self.assertRaises(AccessError):
            self.steps(portal_coop_steps)[0].with_user(self.portal_user).note = "x"
        for name in ("trainer", "auditor", "committee"):
            with self.subTest(group=name), self.assertRaises(AccessError):
                self.steps()[0].with_user(self.users[name]).note = "x"
        supervisor_step = self.fill(self.steps()[0]).with_user(self.users["supervisor"])
        supervisor_step.action_complete()
        self.assertEqual(supervisor_step.state, "done")
        with self.assertRaises(AccessError):
            self.env["comasec.coop.creation.step"].with_user(self.users["employee"]).search([])
        bookkeeper = self.bookkeeper_of(self.prospect, "comasec_bookkeeper", "Tafsut books")
        self.assertEqual(Step.with_user(bookkeeper).search([]), self.steps())
