"""Pure split of a cooperative's yearly surplus, in centimes so it adds up exactly."""

from decimal import ROUND_HALF_UP, Decimal


def to_cents(amount):
    return int((Decimal(str(amount)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def percent_of(total_cents, percent):
    """``percent`` % of ``total_cents``, rounded half up to the centime."""
    return int((Decimal(total_cents) * Decimal(str(percent)) / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def split_largest_remainder(total_cents, weights):
    """Split ``total_cents`` pro rata to ``weights`` (non-negative, not all zero) so the
    parts add up exactly: floor every share, then give the centimes left to the
    largest remainders (ties to the first)."""
    weights = [Decimal(str(w)) for w in weights]
    if any(w < 0 for w in weights) or not sum(weights):
        raise ValueError("weights must be non-negative and not all zero")
    total_weight = sum(weights)
    exact = [Decimal(total_cents) * w / total_weight for w in weights]
    parts = [int(x) for x in exact]  # floor: every exact share is non-negative
    left = total_cents - sum(parts)
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - parts[i]), i))
    for i in order[:left]:
        parts[i] += 1
    return parts


def allocate_surplus(total_cents, legal_percent, statutory_percent, weights):
    """(legal reserve, statutory reserve, [ristourne per weight]) in centimes, adding
    up exactly to ``total_cents``."""
    if total_cents <= 0:
        raise ValueError("only a surplus can be allocated")
    if legal_percent < 0 or statutory_percent < 0 or legal_percent + statutory_percent > 100:
        raise ValueError("the reserve percentages must be between 0 and 100 in total")
    legal = percent_of(total_cents, legal_percent)
    statutory = min(percent_of(total_cents, statutory_percent), total_cents - legal)
    remaining = total_cents - legal - statutory
    ristournes = split_largest_remainder(remaining, weights) if remaining else [0] * len(weights)
    return legal, statutory, ristournes
