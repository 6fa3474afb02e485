from stdnum.ma import ice

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoData(TransactionCase):
    """The demo tells the story the other addons and the cockpit rely on."""

    def setUp(self):
        super().setUp()
        if not self.env.ref("comasec_coop.demo_coop_honey", raise_if_not_found=False):
            self.skipTest("installed without demo data")

    def test_demo_cooperatives(self):
        keys = ["argan_tiznit", "argan_aitbaha", "saffron", "honey", "almond", "prickly_pear", "rose"]
        coops = self.env["res.partner"].browse([self.env.ref(f"comasec_coop.demo_coop_{key}").id for key in keys])
        for key, coop in zip(keys, coops, strict=True):
            with self.subTest(coop=key):
                self.assertTrue(ice.is_valid(coop.company_registry))
                self.assertTrue(coop.comasec_coop_register_number and coop.comasec_coop_if and coop.comasec_coop_tp)
                for n in (1, 2, 3):
                    self.assertEqual(self.env.ref(f"comasec_coop.demo_member_{key}_{n}").cooperative_id, coop)
                self.assertGreater(coop.comasec_coop_women_count * 2, coop.comasec_coop_member_count)
        self.assertEqual(set(coops.mapped("comasec_compliance_level")), {"green", "orange", "red"})
        # The rose cooperative's review is still in progress: its level shows, marked so.
        self.assertEqual(self.env.ref("comasec_coop.demo_coop_rose").comasec_compliance_review_state, "in_progress")
        red = coops.filtered(lambda coop: coop.comasec_compliance_level == "red")
        self.assertIn("critical rule not met", red[0].comasec_compliance_level_reason)
        self.assertEqual(len(set(coops.comasec_coop_province_id.ids)), 4)
        self.assertTrue(self.env.ref("comasec_coop.demo_coop_union_argan").comasec_coop_legal_form == "union")
        self.assertFalse(self.env.ref("comasec_coop.demo_coop_prickly_pear").comasec_onssa_valid)
        self.assertEqual(self.env.ref("comasec_coop.demo_assembly_honey_ordinary").state, "convened")
        review = self.env.ref("comasec_coop.demo_review_honey")
        line = review.line_ids.filtered(lambda line: line.rule_id.code == "LEG-02")
        self.assertEqual(line.result, "non_compliant")

    def test_demo_main_company_is_comasec_in_dirhams(self):
        company = self.env.ref("base.main_company")
        self.assertEqual((company.name, company.currency_id.name, company.country_id.code), ("CoMaSec", "MAD", "MA"))
        self.assertTrue(company.logo)

    def test_demo_cockpit_and_users(self):
        overdue = self.env["mail.activity"].search(
            [("res_model", "=", "comasec.compliance.review"), ("date_deadline", "<", self.env.cr.now().date())]
        )
        self.assertTrue(overdue)
        supervisor = self.env.ref("comasec_coop.demo_user_supervisor")
        self.assertEqual(supervisor.login, "supervisor")
        self.assertTrue(supervisor.has_group("comasec_coop.comasec_coop_group_supervisor"))
        self.assertTrue(self.env.ref("base.user_admin").has_group("comasec_coop.comasec_coop_group_manager"))
        for xmlid in ("demo_diagnosis_ait_baha", "demo_diagnosis_tafraout"):
            self.assertTrue(self.env.ref(f"comasec_coop.{xmlid}").feedback_ids)
