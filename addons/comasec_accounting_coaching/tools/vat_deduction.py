"""Pure pieces of the VAT deductions statement (relevé de déductions): the share of a
bill's amounts a payment settles, in centimes, and the XML of the DGI's SIMPL-TVA EDI
mode (docs/morocco.md says what was checked against what)."""

from decimal import ROUND_HALF_UP, Decimal

from lxml import etree

# Payment modes (<mp><id>) of the relevé: the codes the public generators of this XML agree
# on (docs/morocco.md, to confirm against the DGI's own publication).
DGI_PAYMENT_MODES = [
    ("1", "Cash"),
    ("2", "Cheque"),
    ("3", "Direct debit"),
    ("4", "Bank transfer"),
    ("5", "Bill of exchange"),
    ("6", "Set-off"),
    ("7", "Other"),
]
# regime: how often the cooperative files its VAT return
DGI_REGIMES = {"monthly": 1, "quarterly": 2}


def prorate(amount_cents, paid_cents, total_cents):
    """The part of ``amount_cents`` that ``paid_cents`` of a ``total_cents`` bill settles,
    rounded half up (away from zero) to the centime."""
    if not total_cents:
        raise ValueError("a bill of 0 cannot be paid in part")
    exact = Decimal(amount_cents) * Decimal(paid_cents) / Decimal(total_cents)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _amount(cents):
    """A decimal amount with a point and two decimals, as the relevé's amounts are written."""
    return f"{Decimal(cents) / 100:.2f}"


def _rate(percent, as_fraction):
    rate = Decimal(str(percent)) / 100 if as_fraction else Decimal(str(percent))
    return format(rate.normalize(), "f")


def deduction_xml(header, rows, rate_as_fraction=True):
    """The ``DeclarationReleveDeduction`` document (UTF-8 bytes).

    ``header``: {"if", "year", "period", "regime"}; ``rows``: dicts with "num", "des",
    "mht", "tva", "ttc" (centimes), "supplier_if", "supplier_name", "supplier_ice",
    "rate" (percent), "mode" (a DGI_PAYMENT_MODES code), "payment_date", "invoice_date"."""
    root = etree.Element("DeclarationReleveDeduction")
    for tag, value in (
        ("identifiantFiscal", header["if"]),
        ("annee", header["year"]),
        ("periode", header["period"]),
        ("regime", header["regime"]),
    ):
        etree.SubElement(root, tag).text = str(value)
    deductions = etree.SubElement(root, "releveDeductions")
    for ordinal, row in enumerate(rows, start=1):
        rd = etree.SubElement(deductions, "rd")
        etree.SubElement(rd, "ord").text = str(ordinal)
        etree.SubElement(rd, "num").text = row["num"]
        etree.SubElement(rd, "des").text = row["des"]
        for tag in ("mht", "tva", "ttc"):
            etree.SubElement(rd, tag).text = _amount(row[tag])
        supplier = etree.SubElement(rd, "refF")
        etree.SubElement(supplier, "if").text = row["supplier_if"]
        etree.SubElement(supplier, "nom").text = row["supplier_name"]
        etree.SubElement(supplier, "ice").text = row["supplier_ice"]
        etree.SubElement(rd, "tx").text = _rate(row["rate"], rate_as_fraction)
        etree.SubElement(etree.SubElement(rd, "mp"), "id").text = row["mode"]
        etree.SubElement(rd, "dpai").text = row["payment_date"].isoformat()
        etree.SubElement(rd, "dfac").text = row["invoice_date"].isoformat()
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True)
