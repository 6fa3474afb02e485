from datetime import date

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..models.event_registration import score_from_percentage, training_result
from .common import ComasecTrainingCase


@tagged("post_install", "-at_install")
class TestEvaluation(ComasecTrainingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Course: pass mark 10/20, 75 % attendance; four full days.
        cls.session = cls.create_session(
            name="Evaluated session", days=[(date(2026, 3, d), "full") for d in (2, 3, 4, 5)]
        )
        cls.members = cls.add_members(cls.coop, 3)
        cls.registrations = cls.enrol(cls.session, cls.members)

    def attend(self, registration, days_present):
        self.env["comasec.training.attendance"].create(
            [
                {"registration_id": registration.id, "day_id": day.id, "present": i < days_present}
                for i, day in enumerate(self.session.comasec_day_ids.sorted("date"))
            ]
        )

    def test_result_rules(self):
        self.assertEqual(training_result(False, 0, 0, None, 75, 10), "pending")
        self.assertEqual(training_result(True, 0, 0, 15, 75, 10), "absent")
        self.assertEqual(training_result(True, 12, 50, 15, 75, 10), "failed")
        self.assertEqual(training_result(True, 18, 75, None, 75, 10), "pending")
        self.assertEqual(training_result(True, 18, 75, 9.5, 75, 10), "failed")
        self.assertEqual(training_result(True, 18, 75, 10, 75, 10), "passed")
        self.assertEqual(score_from_percentage(80, 20), 16)

    def test_results_from_attendance_and_post_score(self):
        passed, low_score, absent = self.registrations
        self.attend(passed, 3)
        self.attend(low_score, 4)
        self.attend(absent, 0)
        self.assertEqual(passed.comasec_result, "pending")
        passed.comasec_post_score = 12
        low_score.comasec_post_score = 0
        self.assertEqual(passed.comasec_result, "passed")
        self.assertEqual(low_score.comasec_result, "failed", "a score of 0 entered is a score")
        self.assertEqual(absent.comasec_result, "absent")
        passed.comasec_attendance_ids.filtered("present")[0].present = False
        self.assertEqual(passed.comasec_result, "failed", "50 % attendance is below the course's 75 %")

    def test_post_score_above_the_maximum_is_refused(self):
        registration = self.registrations[0]
        with self.assertRaisesRegex(
            ValidationError, r"post-training score of .* \(25.0\) must be between 0 and the course maximum 20"
        ):
            registration.comasec_post_score = 25
        self.assertEqual(registration.comasec_post_score, 0)
        self.assertFalse(registration.comasec_post_evaluated)

    def test_post_score_taken_from_the_session_survey(self):
        survey = self.env["survey.survey"].create(
            {
                "title": "Bookkeeping post-test",
                "scoring_type": "scoring_without_answers",
                "question_and_page_ids": [
                    Command.create(
                        {
                            "title": "Which class holds cash accounts?",
                            "question_type": "simple_choice",
                            "suggested_answer_ids": [
                                Command.create({"value": "Class 5", "is_correct": True, "answer_score": 4}),
                                Command.create({"value": "Class 7", "answer_score": 0}),
                            ],
                        }
                    ),
                    Command.create(
                        {
                            "title": "Is the journal kept in date order?",
                            "question_type": "simple_choice",
                            "suggested_answer_ids": [
                                Command.create({"value": "Yes", "is_correct": True, "answer_score": 1}),
                                Command.create({"value": "No", "answer_score": 0}),
                            ],
                        }
                    ),
                ],
            }
        )
        self.session.comasec_post_survey_id = survey
        registration = self.registrations[0]
        first_question, second_question = survey.question_ids
        answer = survey._create_answer(partner=registration.partner_id)
        self.env["survey.user_input.line"].create(
            [
                {
                    "user_input_id": answer.id,
                    "question_id": first_question.id,
                    "answer_type": "suggestion",
                    "suggested_answer_id": first_question.suggested_answer_ids[0].id,
                },
                {
                    "user_input_id": answer.id,
                    "question_id": second_question.id,
                    "answer_type": "suggestion",
                    "suggested_answer_id": second_question.suggested_answer_ids[1].id,
                },
            ]
        )
        answer._mark_done()
        self.assertEqual(answer.scoring_percentage, 80)
        self.session.action_fetch_survey_scores()
        self.assertEqual(registration.comasec_post_user_input_id, answer)
        self.assertEqual(registration.comasec_post_score, 16)
        self.assertTrue(registration.comasec_post_evaluated)
        self.assertFalse(self.registrations[1].comasec_post_user_input_id)
        self.attend(registration, 4)
        self.assertEqual(registration.comasec_result, "passed")
