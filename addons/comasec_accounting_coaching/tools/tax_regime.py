"""Where a processing cooperative's turnover stands against the corporate-tax exemption
ceiling (CGI: under 10,000,000 MAD excluding VAT; the ceiling and the warning share are settings)."""

BELOW = "below"
APPROACHING = "approaching"
OVER = "over"


def ceiling_status(turnover, ceiling, warning_percent):
    """``below``, ``approaching`` (from ``warning_percent`` % of the ceiling) or ``over``
    (at the ceiling or above: the exemption asks for a turnover *under* it)."""
    if ceiling <= 0:
        raise ValueError("the ceiling must be positive")
    if turnover >= ceiling:
        return OVER
    if turnover * 100 >= ceiling * warning_percent:
        return APPROACHING
    return BELOW
