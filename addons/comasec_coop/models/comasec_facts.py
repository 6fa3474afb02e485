"""Sentences stored as facts, rendered in the reader's language.

An automatic rule's finding is kept as the untranslated sentence (a ``_lt`` term of the
code), the module that translates it and its values, as JSON; each reader gets it in their
own language (the review line's ``explanation``, a cooperative's mail, a PDF), not in the
language of whoever evaluated the review. A plain string (an evaluator of another addon
that still translates itself) is kept as it is.
"""

import datetime

from odoo.tools.translate import LazyGettext, get_translation


def to_fact(explanation):
    """The JSON-able fact of ``explanation`` (a ``_lt`` term, a string or nothing)."""
    if not explanation:
        return None
    if not isinstance(explanation, LazyGettext):
        return {"text": str(explanation)}
    args = explanation._args
    if isinstance(args, dict):
        values = {key: _value(value) for key, value in args.items()}
    else:
        values = [_value(value) for value in args]
    return {"source": explanation._source, "module": explanation._module, "args": values}


def _value(value):
    if isinstance(value, LazyGettext):
        return {"fact": to_fact(value)}
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def render_fact(fact, lang):
    """The sentence of ``fact`` in ``lang`` (a language code)."""
    if not fact:
        return False
    if "text" in fact:
        return fact["text"]
    args = fact["args"]
    if isinstance(args, dict):
        values = {key: _render_value(value, lang) for key, value in args.items()}
    else:
        values = tuple(_render_value(value, lang) for value in args)
    return get_translation(fact["module"], lang or "en_US", fact["source"], values)


def _render_value(value, lang):
    return render_fact(value["fact"], lang) if isinstance(value, dict) else value
