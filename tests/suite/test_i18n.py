"""Every addon that ships a translation template is fully translated into French and Arabic.

CoMaSec's users work in French and Arabic: a term of ours left untranslated shows English to a
cooperative, a funder or an authority. An addon without ``i18n/<module>.pot`` is reported as not
translated yet (skipped), not failed.
"""

import re

import polib
import pytest

LANGUAGES = {"fr": "French", "ar": "Arabic"}
# What Odoo substitutes at run time: a translation that drops or renames one breaks the message.
PLACEHOLDER = re.compile(r"%\(\w+\)s|%s|\{\{.*?\}\}")


def _template(module_dir):
    pot = module_dir / "i18n" / f"{module_dir.name}.pot"
    if not pot.is_file():
        pytest.skip(f"{module_dir.name}: not translated yet (no i18n/{module_dir.name}.pot)")
    return polib.pofile(str(pot))


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_every_term_is_translated(module_dir, lang):
    template = _template(module_dir)
    po_path = module_dir / "i18n" / f"{lang}.po"
    assert po_path.is_file(), f"{module_dir.name}: i18n/{lang}.po ({LANGUAGES[lang]}) missing"
    translations = {entry.msgid: entry.msgstr for entry in polib.pofile(str(po_path)) if not entry.obsolete}
    missing = [entry.msgid for entry in template if not translations.get(entry.msgid, "").strip()]
    assert not missing, (
        f"{module_dir.name}: {len(missing)} of {len(template)} terms have no {LANGUAGES[lang]} translation "
        f"in i18n/{lang}.po, e.g. {missing[:5]}"
    )


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_translations_keep_placeholders(module_dir, lang):
    _template(module_dir)
    po_path = module_dir / "i18n" / f"{lang}.po"
    if not po_path.is_file():
        pytest.skip(f"{module_dir.name}: i18n/{lang}.po missing (reported by test_every_term_is_translated)")
    broken = [
        entry.msgid
        for entry in polib.pofile(str(po_path))
        if entry.msgstr and sorted(PLACEHOLDER.findall(entry.msgid)) != sorted(PLACEHOLDER.findall(entry.msgstr))
    ]
    assert not broken, f"{module_dir.name}: i18n/{lang}.po changes the placeholders of {broken[:5]}"


def test_po_headers_name_their_language(module_dir):
    _template(module_dir)
    for lang in LANGUAGES:
        po_path = module_dir / "i18n" / f"{lang}.po"
        if po_path.is_file():
            declared = polib.pofile(str(po_path)).metadata.get("Language")
            assert declared == lang, f"{module_dir.name}: i18n/{lang}.po says Language {declared!r}"
