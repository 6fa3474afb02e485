"""Upgrading a database where an admin saved settings before their defaults were data.

Such a database has ir.config_parameter rows without XML ids. Loading the data files on
upgrade would then try to create the same keys again (unique constraint: the upgrade
fails); each addon's pre-migration gives the admin's rows the data's XML ids, noupdate,
so the load goes through and keeps the admin's values."""

import importlib.util
from pathlib import Path

from lxml import etree
from psycopg2 import IntegrityError

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged
from odoo.tools import convert_file, mute_logger
from odoo.tools.convert import ParseError

from ..models.comasec_params import PARAMS_DATA, adopt_params, get_param


def pre_migration(module):
    """The ``migrate`` function of the module's pre-migration for its current version."""
    manifest_version = module.installed_version
    path = Path(get_module_path(module.name)) / "migrations" / manifest_version / "pre-migrate.py"
    spec = importlib.util.spec_from_file_location(f"{module.name}_pre_migrate", path)
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    return script.migrate


@tagged("post_install", "-at_install")
class TestParamsUpgrade(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # every installed CoMaSec addon that ships settings as data
        cls.modules = cls.env["ir.module.module"].search([("name", "=like", "comasec_%"), ("state", "=", "installed")])
        cls.modules = cls.modules.filtered(lambda m: Path(get_module_path(m.name), PARAMS_DATA).exists())
        cls.admin = cls.env.ref("base.user_admin")

    def records(self, module):
        """[(XML id, key)] of the module's settings data."""
        tree = etree.parse(str(Path(get_module_path(module.name), PARAMS_DATA)))
        return [(f"{module.name}.{r.get('id')}", r.findtext("field[@name='key']")) for r in tree.iter("record")]

    def saved_before_data(self, module, value):
        """The database before ``module`` shipped its settings as data: the admin saved the
        first one (a row without XML id); returns that row and its key."""
        xmlid, key = self.records(module)[0]
        param = self.env.ref(xmlid)
        self.env["ir.model.data"].search([("model", "=", "ir.config_parameter"), ("res_id", "=", param.id)]).unlink()
        self.env["ir.config_parameter"].with_user(self.admin).set_param(key, value)
        self.assertFalse(self.env["ir.config_parameter"].browse(param.id).get_external_id()[param.id])
        return param, key

    def load_data(self, module):
        """The settings data loaded as an upgrade loads it."""
        convert_file(self.env, module.name, PARAMS_DATA, {}, mode="update", noupdate=False)

    def test_upgrade_without_the_pre_migration_fails(self):
        """The situation the pre-migration exists for: the upgrade stops on the unique key."""
        self.assertTrue(self.modules)
        for module in self.modules:
            with self.subTest(module=module.name):
                self.saved_before_data(module, "7")
                with self.assertRaises(ParseError) as caught, mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                    self.load_data(module)
                self.assertIsInstance(caught.exception.__cause__, IntegrityError)
                self.assertIn("ir_config_parameter_key_uniq", str(caught.exception.__cause__))

    def test_pre_migration_adopts_the_admins_settings(self):
        for module in self.modules:
            with self.subTest(module=module.name):
                param, key = self.saved_before_data(module, "7")
                pre_migration(module)(self.env.cr, module.installed_version)
                self.env.invalidate_all()
                self.load_data(module)
                self.env.invalidate_all()
                xmlid = self.records(module)[0][0]
                self.assertEqual(self.env.ref(xmlid), param)
                self.assertEqual(self.env["ir.config_parameter"].get_param(key), "7", "the admin's value is kept")
                self.assertEqual(self.env["ir.config_parameter"].search_count([("key", "=", key)]), 1)
                data = self.env["ir.model.data"].search(
                    [("model", "=", "ir.config_parameter"), ("res_id", "=", param.id)]
                )
                self.assertTrue(data.noupdate, "later upgrades keep the admin's value too")
                # a second upgrade has nothing left to adopt
                self.assertEqual(adopt_params(self.env.cr, module.name), [])

    def test_an_xml_id_left_by_a_deleted_row_points_at_the_admins_row(self):
        module = self.modules.filtered(lambda m: m.name == "comasec_coop")
        xmlid, key = self.records(module)[0]
        old = self.env.ref(xmlid)
        # an older version's database: the row deleted without its XML id and written again by SQL
        self.env.cr.execute("DELETE FROM ir_config_parameter WHERE id = %s", [old.id])
        self.env.cr.execute("INSERT INTO ir_config_parameter (key, value) VALUES (%s, '9')", [key])
        self.env.invalidate_all()
        self.assertEqual(adopt_params(self.env.cr, "comasec_coop"), [key])
        # the XML id of the deleted row is cached; an upgrade starts on a new registry
        self.env.registry.clear_cache()
        self.env.invalidate_all()
        self.load_data(module)
        self.assertEqual(self.env.ref(xmlid).value, "9")

    def test_zero_in_settings_is_kept_by_upgrades(self):
        """Settings would save 0 by deleting the parameter, which the next upgrade would
        create again with its default: a number setting of ours keeps its row, at 0."""
        module = self.modules.filtered(lambda m: m.name == "comasec_coop")
        param = self.env.ref("comasec_coop.param_followup_days")
        self.env["res.config.settings"].with_user(self.admin).create({"comasec_followup_days": 0}).execute()
        self.assertEqual(param.value, "0")
        self.assertEqual(get_param(self.env, "comasec_coop.followup_days"), 0)
        self.load_data(module)
        self.assertEqual(self.env.ref("comasec_coop.param_followup_days").value, "0")
        self.assertEqual(get_param(self.env, "comasec_coop.followup_days"), 0)

    def test_a_deleted_setting_saved_again_keeps_upgrades_working(self):
        """A parameter deleted in System Parameters loses its XML id; the value saved next
        gets it back, so the next upgrade neither fails nor overwrites it."""
        module = self.modules.filtered(lambda m: m.name == "comasec_coop")
        Param = self.env["ir.config_parameter"].with_user(self.admin)
        Param.search([("key", "=", "comasec_coop.followup_days")]).unlink()
        self.env["res.config.settings"].with_user(self.admin).create({"comasec_followup_days": 12}).execute()
        param = Param.search([("key", "=", "comasec_coop.followup_days")])
        self.assertEqual(self.env.ref("comasec_coop.param_followup_days"), param)
        self.load_data(module)
        self.assertEqual(Param.get_param("comasec_coop.followup_days"), "12")

    def test_data_is_noupdate(self):
        """An upgrade never writes over a value an admin changed."""
        for module in self.modules:
            with self.subTest(module=module.name):
                xmlid, key = self.records(module)[0]
                self.env["ir.config_parameter"].with_user(self.admin).set_param(key, "11")
                self.load_data(module)
                self.assertEqual(self.env["ir.config_parameter"].get_param(key), "11")
                names = [name.split(".", 1)[1] for name, _key in self.records(module)]
                data = self.env["ir.model.data"].search([("module", "=", module.name), ("name", "in", names)])
                self.assertEqual(len(data), len(names))
                self.assertEqual(set(data.mapped("noupdate")), {True})
