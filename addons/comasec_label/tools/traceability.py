"""Pure calculations of lot traceability, tested on their own."""

# what each sanction makes of a certificate from its date on (a warning changes nothing)
SANCTION_STATES = {"suspension": "suspended", "withdrawal": "withdrawn", "reinstatement": "valid"}


def women_share(deliveries):
    """The share, in whole percent, of the quantity delivered by women among
    ``deliveries`` (pairs of quantity and whether a woman delivered it); None without
    any quantity."""
    total = sum(quantity for quantity, _woman in deliveries)
    if total <= 0:
        return None
    women = sum(quantity for quantity, woman in deliveries if woman)
    return round(100 * women / total)


def certificate_state_on(day, issue_date, expiry_date, sanctions):
    """The state a certificate was in on ``day``: None before its issue, "expired" after
    its last day, else "valid" changed by its ``sanctions`` (pairs of date and kind) dated
    on or before ``day``, in their order."""
    if day < issue_date:
        return None
    if day > expiry_date:
        return "expired"
    state = "valid"
    for date, kind in sorted(sanctions, key=lambda sanction: sanction[0]):
        if date > day:
            break
        state = SANCTION_STATES.get(kind, state)
    return state
