"""Amounts in words for Moroccan invoices.

num2words has no dirham in French and silently uses Saudi riyals in Arabic, so
it only spells the numbers here; the currency words come from the labels of
the MAD currency (``currency_unit_label`` / ``currency_subunit_label``).
"""

from decimal import ROUND_HALF_UP, Decimal

from num2words import num2words

CONJUNCTION = {"fr": "et", "ar": "و"}


def split_amount(amount):
    """Return (units, centimes) of a non-negative amount rounded to the centime."""
    cents = int((Decimal(str(amount)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if cents < 0:
        raise ValueError("amount must not be negative")
    return divmod(cents, 100)


def amount_in_words(amount, lang="fr", unit="dirhams", subunit="centimes"):
    """Spell ``amount`` like "cent vingt dirhams et cinquante centimes".

    ``lang`` is an Odoo language code; Arabic codes (``ar_*``) spell in Arabic,
    every other code in French, the language of Moroccan invoices.
    """
    short = "ar" if (lang or "").startswith("ar") else "fr"
    units, cents = split_amount(amount)
    words = f"{num2words(units, lang=short)} {unit}"
    if cents:
        words += f" {CONJUNCTION[short]} {num2words(cents, lang=short)} {subunit}"
    return " ".join(words.split())
