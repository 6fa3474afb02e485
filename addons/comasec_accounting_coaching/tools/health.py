"""Pure parts of the bookkeeping health: statuses and the combined score."""

OK, WARNING, BAD, NOT_APPLICABLE = "ok", "warning", "bad", "not_applicable"
STATUS_POINTS = {OK: 100.0, WARNING: 50.0, BAD: 0.0}


def status_for(value, warning_from, bad_from):
    """ok below ``warning_from``, warning from it, bad from ``bad_from`` (higher is worse)."""
    if value is None:
        return NOT_APPLICABLE
    if value >= bad_from:
        return BAD
    if value >= warning_from:
        return WARNING
    return OK


def health_score(statuses):
    """Average of the points of the applicable indicators, 0-100; None when none applies."""
    points = [STATUS_POINTS[s] for s in statuses if s in STATUS_POINTS]
    if not points:
        return None
    return round(sum(points) / len(points), 1)
