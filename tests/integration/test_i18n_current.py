"""The committed translation templates are current: every term Odoo's own exporter finds
for our addons in the installed database is in ``i18n/<module>.pot``.

A term missing from the template is never offered to the French and Arabic translators, so
tests/suite/test_i18n.py (which reads only the committed files) cannot catch it. The fix is
``python3 tests/i18n_export.py`` (regenerates the templates and merges fr.po/ar.po), then
translating the terms it lists."""

from pathlib import Path

import polib

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader

MODULES = ("comasec_coop", "comasec_accounting_coaching", "comasec_label", "comasec_training")


@tagged("post_install", "-at_install")
class TestTranslationTemplates(TransactionCase):
    def test_every_exported_term_is_in_the_committed_template(self):
        for module in MODULES:
            with self.subTest(module=module):
                # One reader per module, as odoo-bin --i18n-export --modules=<module>: a record
                # with external ids in several of our modules is read once per module only so.
                exported = {row[4] for row in TranslationModuleReader(self.env.cr, modules=[module])}
                self.assertTrue(exported, f"{module}: the exporter found no term (is it installed?)")
                pot = Path(get_module_path(module)) / "i18n" / f"{module}.pot"
                self.assertTrue(pot.is_file(), f"{module}: i18n/{module}.pot missing")
                committed = {entry.msgid for entry in polib.pofile(str(pot))}
                missing = sorted(exported - committed)
                if missing:
                    self.fail(
                        f"{module}: {len(missing)} terms are not in i18n/{module}.pot "
                        f"(run python3 tests/i18n_export.py, then translate them): {missing}"
                    )
