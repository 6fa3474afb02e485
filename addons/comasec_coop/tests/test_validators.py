from hypothesis import given, settings
from hypothesis import strategies as st

from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from ..models.comasec_compliance_review import compliance_level, compliance_score
from ..models.comasec_params import get_days_param, get_param, get_text_param, normalize_ice


def with_check_digits(body):
    """The 15-digit ICE of a 13-digit body: the whole number is a multiple of 97."""
    return body + "%02d" % ((97 - int(body + "00") % 97) % 97)


RESULTS = st.sampled_from(["compliant", "non_compliant", "not_applicable", "not_evaluated"])
SEVERITIES = st.sampled_from(["minor", "major", "critical"])


@tagged("post_install", "-at_install")
class TestValidators(TransactionCase):
    @settings(max_examples=200, deadline=None)
    @given(st.text(alphabet="0123456789", min_size=13, max_size=13))
    def test_every_body_with_its_check_digits_is_a_valid_ice(self, body):
        ice = with_check_digits(body)
        self.assertEqual(normalize_ice(self.env, ice), ice)
        self.assertEqual(normalize_ice(self.env, f" {ice[:3]} {ice[3:9]} {ice[9:]} "), ice)
        self.assertEqual(normalize_ice(self.env, f"{ice[:3]}-{ice[3:9]}-{ice[9:]}"), ice)
        self.assertEqual(normalize_ice(self.env, f"{ice[:3]}.{ice[3:9]}.{ice[9:]}"), ice)

    @settings(max_examples=200, deadline=None)
    @given(st.text(alphabet="0123456789", min_size=13, max_size=13), st.integers(1, 96))
    def test_a_wrong_check_digit_is_refused_with_the_reason(self, body, shift):
        ice = with_check_digits(body)
        wrong = body + "%02d" % ((int(ice[13:]) + shift) % 97)
        with self.assertRaises(ValidationError) as error:
            normalize_ice(self.env, wrong)
        self.assertIn(wrong, str(error.exception))
        self.assertIn("check digits", str(error.exception))

    @settings(max_examples=200, deadline=None)
    @given(st.text(max_size=40).filter(lambda s: len("".join(s.split())) != 15 or not s.strip().isdigit()))
    def test_malformed_values_are_refused_never_crash(self, value):
        compact = "".join(value.split()).replace("-", "").replace(".", "").replace("/", "")
        if len(compact) == 15 and compact.isdigit():
            return
        with self.assertRaises(ValidationError):
            normalize_ice(self.env, value)

    @given(st.lists(st.tuples(RESULTS, SEVERITIES, st.floats(0.1, 100)), max_size=30))
    def test_score_is_a_percentage_and_critical_forces_red(self, lines):
        score, critical = compliance_score(lines)
        self.assertTrue(0.0 <= score <= 100.0)
        self.assertEqual(critical, any(r == "non_compliant" and s == "critical" for r, s, _w in lines))
        if critical:
            self.assertEqual(compliance_level(score, critical, 80, 50), "red")


@tagged("post_install", "-at_install")
class TestSettings(TransactionCase):
    def test_defaults_are_data(self):
        """Every setting the suite reads has its default shipped as a parameter record."""
        self.assertEqual(get_param(self.env, "comasec_coop.followup_days"), 30)
        self.assertEqual(get_param(self.env, "comasec_coop.level_green_min"), 80.0)
        self.assertTrue(self.env.ref("comasec_coop.param_followup_days").value)

    def test_numbers_and_text(self):
        Param = self.env["ir.config_parameter"]
        for stored, read in (("45", 45), ("62.5", 62.5), ("75.0", 75.0), (" 7 ", 7)):
            Param.set_param("comasec_coop.followup_days", stored)
            value = get_param(self.env, "comasec_coop.followup_days")
            self.assertEqual((value, type(value)), (read, type(read)), stored)
        # Settings saves 0 as False: a number setting of ours keeps its row, at 0
        Param.set_param("comasec_coop.followup_days", False)
        self.assertEqual(get_param(self.env, "comasec_coop.followup_days"), 0)
        Param.set_param("comasec_coop.followup_days", "thirty")
        with self.assertRaisesRegex(UserError, "comasec_coop.followup_days holds 'thirty', which is not a number"):
            get_param(self.env, "comasec_coop.followup_days")
        Param.set_param("comasec_coop.some_text", " 1140 ")
        self.assertEqual(get_text_param(self.env, "comasec_coop.some_text"), "1140")
        self.assertEqual(get_text_param(self.env, "comasec_coop.unset"), "")

    def test_lists_of_days(self):
        Param = self.env["ir.config_parameter"]
        for stored, read in (("90,30", [30, 90]), (" 90 , 30 , 60, ", [30, 60, 90]), ("30,30", [30]), ("", [])):
            Param.set_param("comasec_coop.some_days", stored)
            self.assertEqual(get_days_param(self.env, "comasec_coop.some_days"), read, stored)
        for stored in ("90;30", "90, -30", "ninety"):
            Param.set_param("comasec_coop.some_days", stored)
            with self.assertRaisesRegex(UserError, "comasec_coop.some_days holds .*: write whole numbers of days"):
                get_days_param(self.env, "comasec_coop.some_days")
