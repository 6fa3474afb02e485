from odoo.addons.comasec_coop.tests.common import ComasecCoopCase


class ComasecTrainingCase(ComasecCoopCase):
    """A course of the catalogue on top of the cooperatives of ComasecCoopCase."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.course = cls.env["comasec.training.course"].create(
            {
                "name": "Bookkeeping",
                "theme": "accounting",
                "audience": "bookkeepers",
                "duration_hours": 12,
                "max_score": 20,
                "pass_mark": 10,
                "min_attendance_rate": 75,
                "certificate_validity_months": 24,
                "rule_ids": [(6, 0, cls.env.ref("comasec_coop.comasec_compliance_rule_acc_01").ids)],
            }
        )
