"""Issue 14, items 4 (compliance reviews), 6, 7 and 8: what a user with a password (or an
anonymous visitor) tries over the wire, refused with nothing changed.

Every call goes over real JSON-RPC (or plain HTTP) as a user made as the suite makes them
(Settings > Users, or the onboarding wizard for a bookkeeper); after each refusal the
record is read again to show that nothing moved. docs/security.md, "Attacks tried"."""

import html
import io
import json
import re
from urllib.parse import quote

import openpyxl

from odoo import Command
from odoo.addons.comasec_accounting_coaching.tests.common import ComasecAccountingCase
from odoo.addons.comasec_coop.tests.common import ComasecCoopCase, RpcCase, settings_user
from odoo.tests import tagged

SUPERVISOR = "comasec_coop.comasec_coop_group_supervisor"
MANAGER = "comasec_coop.comasec_coop_group_manager"
LABEL_MANAGER = "comasec_coop.comasec_coop_group_label_manager"


@tagged("post_install", "-at_install")
class TestHostileReviewFields(ComasecCoopCase, RpcCase):
    """A supervisor may run a review with its buttons, never set its state or score."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # with an email address, as Settings > Users asks: the reopening is posted in the chatter
        cls.supervisor = settings_user(
            cls.env, "hostile_supervisor", [SUPERVISOR], email="hostile.supervisor@comasec.example"
        )
        cls.manager = settings_user(cls.env, "hostile_manager", [MANAGER], email="hostile.manager@comasec.example")
        Review = cls.env["comasec.compliance.review"].with_user(cls.supervisor)
        cls.running = Review.create({"cooperative_id": cls.coop.id, "period": "2026-H1"})
        cls.running.action_start()
        cls.done = Review.create({"cooperative_id": cls.other_coop.id, "period": "2026-H1"})
        cls.done.action_start()
        cls.done._set_manual_results(default="non_compliant")
        cls.done.action_done()

    def snapshot(self, review):
        review.invalidate_recordset()
        return review.read(["state", "score", "level", "non_compliant_count", "name", "province_id"])[0]

    def test_supervisor_cannot_reopen_a_done_review_by_writing_its_state(self):
        before = self.snapshot(self.done)
        self.assertEqual(before["state"], "done")
        for vals in (
            {"state": "in_progress"},
            {"state": "draft"},
            {"state": "in_progress", "note": "reopened quietly"},
        ):
            with self.subTest(vals=vals):
                self.assertRefused(
                    self.supervisor,
                    "comasec.compliance.review",
                    "write",
                    [self.done.id],
                    vals,
                    error="cannot be set by hand|locked",
                )
                self.assertEqual(self.snapshot(self.done), before, "nothing changed")
        # the reopen wizard is the manager's, and its method is not callable from outside
        self.assertRefused(
            self.supervisor,
            "comasec.compliance.review.reopen",
            "create",
            {"review_id": self.done.id, "reason": "I want it open"},
            error="AccessError",
        )
        self.assertRefused(
            self.supervisor, "comasec.compliance.review", "_reopen", [self.done.id], "I want it open", error="Private"
        )
        self.assertEqual(self.snapshot(self.done), before)

    def test_supervisor_cannot_set_score_level_or_figures(self):
        before = self.snapshot(self.running)
        for vals in (
            {"score": 100.0},
            {"level": "green"},
            {"score": 100.0, "level": "green", "non_compliant_count": 0},
            {"name": "Model cooperative - 2026"},
            {"province_id": self.env.ref("comasec_coop.comasec_province_tiznit").id},
            {"state": "done"},
        ):
            with self.subTest(vals=vals):
                self.assertRefused(
                    self.supervisor, "comasec.compliance.review", "write", [self.running.id], vals, error="by hand"
                )
                self.assertEqual(self.snapshot(self.running), before, "nothing changed")

    def test_supervisor_cannot_create_a_review_already_done_or_scored(self):
        Review = self.env["comasec.compliance.review"]
        count = Review.search_count([])
        third = self.create_coop("Coopérative Tiwizi", register="T-103")
        base = {"cooperative_id": third.id, "period": "2026"}
        for vals, context in (
            ({**base, "state": "done"}, {}),
            ({**base, "score": 100.0, "level": "green"}, {}),
            (base, {"default_state": "done"}),
            (base, {"default_level": "green"}),
        ):
            with self.subTest(vals=vals, context=context):
                self.assertRefused(
                    self.supervisor, "comasec.compliance.review", "create", vals, context=context, error="by hand"
                )
                self.assertEqual(Review.search_count([]), count, "no review created")
        # the ordinary way still works over RPC: create, Start, then the lines
        review_id = self.call_as(self.supervisor, "comasec.compliance.review", "create", base)
        self.call_as(self.supervisor, "comasec.compliance.review", "action_start", [review_id])
        self.assertEqual(Review.browse(review_id).state, "in_progress")

    def test_supervisor_cannot_type_an_automatic_result_nor_move_a_line(self):
        line = self.running.line_ids.filtered("automatic")[:1]
        manual = self.running.line_ids.filtered(lambda line: not line.automatic)[:1]
        before = line.read(["result", "explanation", "review_id", "rule_id"])[0]
        for vals, context in (
            ({"result": "compliant"}, {}),
            # the old bypass: a context key any client can send
            ({"result": "compliant"}, {"comasec_force": True}),
            ({"explanation": "All good"}, {}),
            ({"review_id": self.done.id}, {}),
        ):
            with self.subTest(vals=vals, context=context):
                self.assertRefused(
                    self.supervisor, "comasec.compliance.review.line", "write", line.ids, vals, context=context
                )
                line.invalidate_recordset()
                self.assertEqual(line.read(["result", "explanation", "review_id", "rule_id"])[0], before)
        with self.subTest("rule of a manual line"):
            self.assertRefused(
                self.supervisor, "comasec.compliance.review.line", "write", manual.ids, {"rule_id": line.rule_id.id}
            )
        Line = self.env["comasec.compliance.review.line"]
        count = Line.search_count([])
        with self.subTest("a line added to a done review"):
            self.assertRefused(
                self.supervisor,
                "comasec.compliance.review.line",
                "create",
                {"review_id": self.done.id, "rule_id": manual.rule_id.id, "result": "compliant"},
                error="locked",
            )
        self.assertEqual(Line.search_count([]), count)

    def test_buttons_still_run_the_review_over_rpc(self):
        """The methods that own the fields change them, for the users they are for."""
        self.running._set_manual_results()
        self.call_as(self.supervisor, "comasec.compliance.review", "action_done", [self.running.id])
        self.assertEqual(self.snapshot(self.running)["state"], "done")
        wizard = self.call_as(
            self.manager,
            "comasec.compliance.review.reopen",
            "create",
            {"review_id": self.running.id, "reason": "A member's card was missing"},
        )
        self.call_as(self.manager, "comasec.compliance.review.reopen", "action_reopen", [wizard])
        self.assertEqual(self.snapshot(self.running)["state"], "in_progress")
        bodies = [html.unescape(str(message.body)) for message in self.running.message_ids]
        self.assertTrue([body for body in bodies if "A member's card was missing" in body], "the reason is posted")


@tagged("post_install", "-at_install")
class TestHostileAccountingReports(ComasecAccountingCase, RpcCase):
    """Another cooperative's bookkeeper asks for a cooperative's general ledger (the OCA's)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env_a = cls.company_env(cls.bookkeeper, cls.company)
        customer = env_a["res.partner"].create({"name": "Client secret de Tifawin"})
        move = env_a["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": customer.id,
                "invoice_date": cls.today,
                "invoice_line_ids": [
                    Command.create({"name": "Vente secrète Tifawin", "quantity": 1, "price_unit": 1234.0})
                ],
            }
        )
        move.action_post()
        for user in (cls.bookkeeper, cls.other_bookkeeper):
            # as an administrator sets it in Settings > Users, for the RPC login
            user.password = user.login

    LEDGER = "general.ledger.report.wizard"

    def ledger(self, user, company):
        """The cell values of the general ledger workbook ``user`` downloads, over RPC and HTTP
        as the wizard's XLSX button does."""
        year = {"date_from": f"{self.today.year}-01-01", "date_to": str(self.today)}
        wizard = self.call_as(user, self.LEDGER, "create", {"company_id": company.id, **year})
        action = self.call_as(user, self.LEDGER, "button_export_xlsx", [wizard])
        response = self.url_open(self.report_url(action))
        self.assertEqual(response.status_code, 200)
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        return " ".join(str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row if cell.value)

    def report_url(self, action):
        """The URL the web client opens for a report action with options (its getReportUrl)."""
        options, context = (quote(json.dumps(action[key])) for key in ("data", "context"))
        return f"/report/xlsx/{action['report_name']}?options={options}&context={context}"

    def test_other_bookkeeper_gets_a_refusal_and_no_data(self):
        Wizard = self.env[self.LEDGER]
        year = {"date_from": f"{self.today.year}-01-01", "date_to": str(self.today)}
        count = Wizard.search_count([])
        for model in (self.LEDGER, "trial.balance.report.wizard", "journal.ledger.report.wizard", "vat.report.wizard"):
            with self.subTest(model=model):
                error = self.assertRefused(
                    self.other_bookkeeper, model, "create", {"company_id": self.company.id, **year}
                )
                self.assertNotIn("Vente secrète", str(error))
        self.assertEqual(Wizard.search_count([]), count, "no report made")
        with self.subTest("own report, then the company changed"):
            wizard = self.call_as(self.other_bookkeeper, self.LEDGER, "create", year)
            self.assertRefused(
                self.other_bookkeeper,
                self.LEDGER,
                "write",
                [wizard],
                {"company_id": self.company.id},
                error="companies you work in",
            )
            self.assertEqual(Wizard.browse(wizard).company_id, self.other_company)
        with self.subTest("the company forced into the context"):
            self.assertRefused(
                self.other_bookkeeper,
                self.LEDGER,
                "create",
                {"company_id": self.company.id, **year},
                context={"allowed_company_ids": [self.company.id]},
            )
        with self.subTest("the report's URL written by hand with the other company"):
            wizard = self.call_as(self.other_bookkeeper, self.LEDGER, "create", year)
            action = self.call_as(self.other_bookkeeper, self.LEDGER, "button_export_xlsx", [wizard])
            action["data"]["company_id"] = self.company.id
            for context in (action["context"], {**action["context"], "allowed_company_ids": [self.company.id]}):
                response = self.url_open(self.report_url({**action, "context": context}))
                self.assertNotIn(b"Vente secr", response.content)
                self.assertNotIn(b"Client secret", response.content)
        # their own ledger has none of the other cooperative's lines; the owner's has them
        self.assertNotIn("Vente secrète Tifawin", self.ledger(self.other_bookkeeper, self.other_company))
        self.assertIn("Vente secrète Tifawin", self.ledger(self.bookkeeper, self.company))


@tagged("post_install", "-at_install")
class TestHostileCertificateCounting(RpcCase):
    """An anonymous visitor counts certificate numbers on the public pages."""

    def assertNotFound(self, url, secrets):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 404, url)
        self.assertIn("Certificate not found", response.text, url)
        for secret in secrets:
            self.assertNotIn(secret, response.text, url)
        return response

    def count_numbers(self, certificates, route, prefix, secrets):
        """Every number from 1 to past the last, alone, with another's code or a made-up one."""
        year = certificates[0].name.split("-")[1]
        codes = certificates.mapped("verification_code")
        for serial in range(1, len(certificates) + 3):
            number = f"{prefix}-{year}-{serial:04d}"
            own = certificates.filtered(lambda c, n=number: c.name == n)
            others = [code for code in codes if code != own.verification_code][:1]
            for suffix in ("", "/", *(f"/{code}" for code in others), "/AAAA-BBBB-CCCC", f"?code={others[0]}"):
                with self.subTest(url=f"{route}/{number}{suffix}"):
                    self.assertNotFound(f"{route}/{number}{suffix}", secrets)
        for certificate in certificates:
            with self.subTest(certificate=certificate.name):
                response = self.url_open(certificate._comasec_verify_path())
                self.assertEqual(response.status_code, 200)
                text = html.unescape(response.text)
                self.assertTrue(any(secret in text for secret in secrets), "the certificate's page")

    def test_counting_label_certificates_gives_404s(self):
        certificates = self.env["comasec.label.certificate"].search([], order="name")
        self.assertGreaterEqual(len(certificates), 2, "the demo has label certificates")
        secrets = [c.cooperative_id.name for c in certificates]
        self.count_numbers(certificates, "/label/verify", "MS", secrets)
        for certificate in certificates:
            with self.subTest(json=certificate.name):
                response = self.url_open(f"/label/verify/{certificate.name}.json")
                self.assertEqual((response.status_code, response.json()), (404, {"error": "not found"}))
                self.assertFalse(re.search("|".join(map(re.escape, secrets)), response.text))

    def test_counting_training_certificates_gives_404s(self):
        certificates = self.env["comasec.training.certificate"].search([], order="name")
        self.assertGreaterEqual(len(certificates), 2, "the demo has training certificates")
        self.count_numbers(certificates, "/training/verify", "FC", certificates.partner_id.mapped("name"))

    def test_the_code_is_drawn_and_kept_by_odoo(self):
        """Nobody, even the label manager, chooses or changes a certificate's code."""
        certificate = self.env["comasec.label.certificate"].search([], limit=1)
        code = certificate.verification_code
        manager = settings_user(self.env, "hostile_label_manager", [LABEL_MANAGER])
        self.assertRefused(
            manager,
            "comasec.label.certificate",
            "write",
            certificate.ids,
            {"verification_code": "AAAA-BBBB-CCCC"},
            error="cannot be changed",
        )
        certificate.invalidate_recordset()
        self.assertEqual(certificate.verification_code, code)
