import base64
import importlib.util
import json
import os
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from unittest.mock import patch

import odoo.http
from odoo import Command, fields
from odoo.exceptions import ValidationError
from odoo.modules.module import get_module_path
from odoo.tests import Form, HttpCase, TransactionCase
from odoo.tests.common import ChromeBrowser, JsonRpcException

VALID_ICE = "001561191000066"
OTHER_VALID_ICE = "002136093000040"
# bad input shared by the addons' test_bad_input: a huge text, a formula and links that a
# workbook must keep as text (xlsxwriter makes the links live by default)
HUGE = "x" * 100_000
FORMULA = '=HYPERLINK("http://evil.example","click")'
LINKS = ["https://evil.example/login", r"external:\\evil.example\share\x.exe"]


class ComasecCoopCase(TransactionCase):
    """Cooperatives, members and users of each CoMaSec group, built once per class."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The web client sends the user's time zone in the context, and a user made in Settings
        # takes the creator's: without it, users made here would count days in UTC while the
        # superuser counts them in its own zone, and an hour a day the two "todays" differ.
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, tz=cls.env.user.tz))
        # The user's today (their time zone), as the code's context_today sees it.
        cls.today = fields.Date.context_today(cls.env["res.partner"])
        cls.province = cls.env.ref("comasec_coop.comasec_province_tiznit")
        cls.argan = cls.env.ref("comasec_coop.comasec_sector_argan")
        cls.crafts = cls.env.ref("comasec_coop.comasec_sector_crafts")
        cls.coop = cls.create_coop("Coopérative Tifawin", register="T-101", ice=VALID_ICE)
        cls.other_coop = cls.create_coop("Coopérative Amalou", register="T-102", ice=OTHER_VALID_ICE)
        cls.users = {
            name: cls.create_user(name, groups)
            for name, groups in {
                "manager": ["comasec_coop.comasec_coop_group_manager"],
                "supervisor": ["comasec_coop.comasec_coop_group_supervisor"],
                "trainer": ["comasec_coop.comasec_coop_group_trainer"],
                "auditor": ["comasec_coop.comasec_coop_group_label_auditor"],
                "committee": ["comasec_coop.comasec_coop_group_committee_member"],
                "employee": ["base.group_user"],
            }.items()
        }
        cls.portal_user = cls.env["res.users"].create(
            {
                "name": "Fatima portal",
                "login": "comasec_portal",
                "partner_id": cls.env["res.partner"].create({"name": "Fatima", "parent_id": cls.coop.id}).id,
                "groups_id": [Command.set([cls.env.ref("base.group_portal").id])],
            }
        )

    @contextmanager
    def assertRaisesRegex(self, expected_exception, expected_regex):
        """unittest's assertRaisesRegex, through Odoo's assertRaises: the refused
        operation is rolled back, so a test can check that nothing was saved."""
        with self.assertRaises(expected_exception) as cm:
            yield cm
        self.assertRegex(str(cm.exception), expected_regex)

    @classmethod
    def create_coop(cls, name, register=None, ice=None, **vals):
        return cls.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "comasec_is_cooperative": True,
                "comasec_coop_register_number": register,
                "comasec_coop_register_court": "Tribunal de première instance de Tiznit",
                "comasec_coop_register_date": date(2015, 3, 1) if register else False,
                "company_registry": ice,
                "comasec_coop_province_id": cls.province.id,
                "comasec_coop_sector_ids": [Command.set(cls.argan.ids)],
                "country_id": cls.env.ref("base.ma").id,
                **vals,
            }
        )

    @classmethod
    def create_user(cls, login, groups):
        return cls.env["res.users"].create(
            {
                "name": login.title(),
                "login": f"comasec_{login}",
                "email": f"{login}@comasec.example",
                "groups_id": [Command.set([cls.env.ref(g).id for g in groups])],
            }
        )

    @classmethod
    def add_members(cls, coop, count, women=None, shares=2, paid=2, cin=True, join=date(2016, 1, 1)):
        women = count if women is None else women
        people = cls.env["res.partner"].create([{"name": f"{coop.name} member {i}"} for i in range(count)])
        return cls.env["comasec.coop.member"].create(
            [
                {
                    "cooperative_id": coop.id,
                    "partner_id": person.id,
                    "gender": "female" if i < women else "male",
                    "join_date": join,
                    "shares_subscribed": shares,
                    "shares_paid": paid,
                    "cin": f"J{100000 + person.id}" if cin else False,
                }
                for i, person in enumerate(people)
            ]
        )

    @classmethod
    def bookkeeper_of(cls, coop, login, company_name):
        """The bookkeeper ``login`` of a new company ``company_name`` of ``coop``, working in it only."""
        company = cls.env["res.company"].create({"name": company_name, "partner_id": coop.id})
        return settings_user(
            cls.env,
            login,
            ["comasec_coop.comasec_coop_group_bookkeeper"],
            company_ids=[Command.set(company.ids)],
            company_id=company.id,
        )

    def record_movement(self, member, kind, on_date, **vals):
        """A capital movement entered through its form, in ``self.Movement`` (the capital
        movements as the test's bookkeeper)."""
        form = Form(self.Movement)
        form.member_id = member
        form.kind = kind
        form.date = on_date
        for name, value in vals.items():
            setattr(form, name, value)
        return form.save()


def prepare_browser_server(env):
    """Before a browser test: map the static folders and build the backend's script bundles
    in this thread. Left to the server, the first page's parallel requests compute the
    static map in several threads at once, where Python 3.11's compile() can fail ("AST
    constructor recursion depth mismatch"), and the bundles may outlast the browser's fixed
    60-second start-up wait on a busy machine."""
    statics = odoo.http.root.statics  # a lazy property, computed once per process
    assert "web" in statics, "Odoo's web module has no static folder on the addons path"
    for bundle in ("web.assets_web", "web.assets_tests"):
        env["ir.qweb"]._get_asset_bundle(bundle, css=False).js()


def migration(module, version, stage):
    """The ``migrate`` function of ``module``'s ``stage`` ("pre" or "post") migration to ``version``."""
    path = Path(get_module_path(module)) / "migrations" / version / f"{stage}-migrate.py"
    spec = importlib.util.spec_from_file_location(f"{module}_{version}_{stage}_migrate", path)
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    return script.migrate


def settings_user(env, login, groups=(), **vals):
    """A user created as an administrator does in Settings > Users: Odoo's default rights
    for new internal users (the ``base.default_user`` template, whatever it holds in this
    database), then the suite's group(s) ticked. Its password is its login, as for Odoo's
    demo users, so that tours and RPC tests can log in as it."""
    user = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create({"name": login.replace("_", " ").title(), "login": login, "password": login, **vals})
    )
    if groups:
        user.write({"groups_id": [Command.link(env.ref(group).id) for group in groups]})
    return user


class BadInputCase:
    """The check of a bad input: refused with a clear error, and nothing half-saved. Mixed into
    an addon's test case; ``refused_exception`` is the error its forms raise by default."""

    refused_exception = ValidationError

    def assertRefused(self, model, build, regex, exception=None):
        """``build()`` fails with ``exception`` matching ``regex`` and leaves no new record of ``model``."""
        before = self.env[model].with_context(active_test=False).search_count([])
        with self.assertRaisesRegex(exception or self.refused_exception, regex):
            build()
            self.env.flush_all()
        self.assertEqual(self.env[model].with_context(active_test=False).search_count([]), before, "half-saved")


class RpcCase(HttpCase):
    """Calls made over real JSON-RPC, logged in as a user, as the web client and any
    script do: what a user can do here is what an attacker with their password can do."""

    def call_as(self, user, model, method, *args, **kwargs):
        """``model.method(*args, **kwargs)`` over ``/web/dataset/call_kw`` as ``user``
        (whose password is its login). Raises JsonRpcException when Odoo refuses."""
        if getattr(self, "_rpc_login", None) != user.login:
            self.authenticate(user.login, user.login)
            self._rpc_login = user.login
        params = {"model": model, "method": method, "args": list(args), "kwargs": kwargs}
        payload = json.dumps({"id": 0, "jsonrpc": "2.0", "method": "call", "params": params}).encode()
        response = self.url_open(
            f"/web/dataset/call_kw/{model}/{method}", payload, headers={"Content-Type": "application/json"}
        )
        response.raise_for_status()
        answer = response.json()
        if "error" in answer:
            # Odoo's make_jsonrpc_request keeps only the exception's name; the message is
            # what the user reads, and tests check that it says what to fix and leaks nothing.
            error = answer["error"]
            raise JsonRpcException(error["code"], f"{error['data']['name']}: {error['data']['message']}")
        return answer.get("result")  # absent when the method returns None

    def assertRefused(self, user, model, method, *args, error="AccessError|ValidationError|UserError", **kwargs):
        """The call is refused with one of Odoo's user errors (never a server crash);
        ``error`` is matched against "<exception name>: <message the user reads>"."""
        with self.assertRaises(JsonRpcException) as cm:
            self.call_as(user, model, method, *args, **kwargs)
        self.assertRegex(str(cm.exception), r"^odoo\.exceptions\.(AccessError|ValidationError|UserError): ")
        self.assertRegex(str(cm.exception), error)
        return cm.exception


# The repository's screenshots, shown by its README.
README_SCREENSHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"
SCREENSHOT_SIGNAL = "comasec-screenshot:"


class TourScreenshotCase(HttpCase):
    """Tours that also take the README's screenshots. With COMASEC_SCREENSHOTS=1 (or a
    directory), each ``screenshot(name)`` step of a tour (static/tests/tours/tour_screenshot.js)
    saves the browser's screen as ``name.png`` (``name.<lang>.png`` in another language than
    English) under docs/screenshots (or that directory). Without it, tours run as usual."""

    def start_tour(self, url_path, tour_name, step_delay=None, **kwargs):
        setting = os.environ.get("COMASEC_SCREENSHOTS")
        if not setting:
            return super().start_tour(url_path, tour_name, step_delay=step_delay, **kwargs)
        folder = README_SCREENSHOTS if setting == "1" else Path(setting)
        folder.mkdir(parents=True, exist_ok=True)
        handle_console = ChromeBrowser._handle_console

        def save_screenshot_on_signal(browser, type, args=None, **kw):
            message = str(browser._from_remoteobject(args[0])) if args else ""
            if type == "log" and message.startswith(SCREENSHOT_SIGNAL):
                name, lang = message[len(SCREENSHOT_SIGNAL) :].rsplit(":", 1)
                suffix = "" if lang.startswith("en") else f".{lang.split('-')[0]}"
                path = folder / f"{name}{suffix}.png"
                # the pointer off the page: nothing hovered since the last click
                browser._websocket_send("Input.dispatchMouseEvent", params={"type": "mouseMoved", "x": -1, "y": -1})
                future = browser._websocket_send("Page.captureScreenshot", with_future=True)
                future.add_done_callback(lambda done: path.write_bytes(base64.b64decode(done.result()["data"])))
            return handle_console(browser, type, args=args, **kw)

        cookies = {**(kwargs.pop("cookies", None) or {}), "comasec_screenshots": "1"}
        # Odoo's test browser has no hook for a page's messages: its handler is wrapped for this tour.
        with patch.object(ChromeBrowser, "_handle_console", save_screenshot_on_signal):
            return super().start_tour(url_path, tour_name, step_delay=step_delay, cookies=cookies, **kwargs)
