from hypothesis import given, settings
from hypothesis import strategies as st
from num2words import num2words

from odoo.tests import BaseCase, tagged

from ..tools.amount_words import amount_in_words, split_amount

# amounts from 0 to 10^9 dirhams with two decimals, as centimes
CENTIMES = st.integers(min_value=0, max_value=10**11)


@tagged("post_install", "-at_install")
class TestAmountWords(BaseCase):
    def test_examples_french(self):
        self.assertEqual(amount_in_words(0), "zéro dirhams")
        self.assertEqual(amount_in_words(1234.5), "mille deux cent trente-quatre dirhams et cinquante centimes")
        self.assertEqual(amount_in_words(100.01), "cent dirhams et un centimes")
        self.assertEqual(amount_in_words(0.1 + 0.2), "zéro dirhams et trente centimes")

    def test_examples_arabic(self):
        words = amount_in_words(12.5, lang="ar_001", unit="درهم", subunit="سنتيم")
        self.assertIn("درهم", words)
        self.assertTrue(words.endswith(f"{num2words(50, lang='ar')} سنتيم"))

    def test_negative_refused(self):
        with self.assertRaises(ValueError):
            split_amount(-0.01)

    @settings(max_examples=300, deadline=None)
    @given(CENTIMES, st.sampled_from(["fr_FR", "ar_001"]))
    def test_any_amount_spelled(self, cents, lang):
        amount = cents / 100
        self.assertEqual(split_amount(amount), divmod(cents, 100))
        words = amount_in_words(amount, lang=lang, unit="U", subunit="S")
        short = lang[:2]
        units, centimes = divmod(cents, 100)
        self.assertTrue(words.startswith(" ".join(num2words(units, lang=short).split()) + " U"))
        if centimes:
            self.assertTrue(words.endswith(" ".join(num2words(centimes, lang=short).split()) + " S"))
        else:
            self.assertNotIn(" S", words)
