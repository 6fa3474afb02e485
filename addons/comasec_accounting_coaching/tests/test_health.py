from datetime import timedelta

from odoo import Command, fields
from odoo.addons.comasec_coop.tests.common import settings_user
from odoo.tests import tagged

from .common import ComasecAccountingCase


@tagged("post_install", "-at_install")
class TestBookkeepingHealth(ComasecAccountingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["res.partner"])
        cls.Health = cls.env["comasec.accounting.health"]
        cls.customer = cls.env["res.partner"].create({"name": "Client particulier"})
        Account = cls.env["account.account"].with_company(cls.company)
        cls.income = Account.search([("code", "=", "711100")])
        cls.expense = Account.search([("code", "=", "611100")])
        cls.cash_journal = cls.env["account.journal"].search(
            [("company_id", "=", cls.company.id), ("type", "=", "cash")], limit=1
        )
        cls.bank_journal = cls.env["account.journal"].search(
            [("company_id", "=", cls.company.id), ("type", "=", "bank")], limit=1
        )

    def days_ago(self, days):
        return self.today - timedelta(days=days)

    def invoice(self, days_ago=0, post=True, due_days_ago=None, amount=100.0):
        move = (
            self.env["account.move"]
            .with_company(self.company)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": self.customer.id,
                    "invoice_date": self.days_ago(days_ago),
                    "invoice_date_due": self.days_ago(due_days_ago) if due_days_ago is not None else False,
                    "invoice_line_ids": [
                        Command.create({"name": "Safran", "quantity": 1, "price_unit": amount, "tax_ids": []})
                    ],
                }
            )
        )
        if post:
            move.action_post()
        return move

    def entry(self, days_ago, debit_account, credit_account, amount):
        move = (
            self.env["account.move"]
            .with_company(self.company)
            .create(
                {
                    "move_type": "entry",
                    "date": self.days_ago(days_ago),
                    "journal_id": self.cash_journal.id,
                    "line_ids": [
                        Command.create({"account_id": debit_account.id, "debit": amount, "name": "crafted"}),
                        Command.create({"account_id": credit_account.id, "credit": amount, "name": "crafted"}),
                    ],
                }
            )
        )
        move.action_post()
        return move

    def measure(self, company=None):
        company = company or self.company
        lines = self.env["comasec.accounting.health.measure"]._measure(company, self.today)[company.id]
        return {line["indicator"]: line for line in lines}

    def test_empty_books(self):
        result = self.measure()
        self.assertEqual(result["last_entry"]["status"], "bad")
        self.assertIn("No entry has ever been posted", result["last_entry"]["explanation"])
        self.assertEqual(result["numbering"]["status"], "not_applicable")
        self.assertEqual(result["trial_balance"]["status"], "not_applicable")

    def test_healthy_books(self):
        self.invoice()
        self.invoice()
        result = self.measure()
        for code in ("last_entry", "old_drafts", "late_sales", "numbering", "unreconciled", "trial_balance"):
            self.assertEqual(result[code]["status"], "ok", f"{code}: {result[code]['explanation']}")
        snapshot = self.Health._compute_snapshots(self.company, self.today)
        self.assertEqual(snapshot.score, 100.0)
        self.assertEqual(snapshot.status, "ok")
        self.assertEqual(len(snapshot.line_ids), 10)

    def test_days_since_last_entry(self):
        self.entry(40, self.cash_journal.default_account_id, self.income, 100)
        self.assertEqual(self.measure()["last_entry"]["value"], 40)
        self.assertEqual(self.measure()["last_entry"]["status"], "warning")
        self.env["ir.config_parameter"].set_param("comasec_accounting_coaching.health_last_entry_bad_days", 35)
        self.assertEqual(self.measure()["last_entry"]["status"], "bad")

    def test_old_drafts(self):
        self.invoice()
        self.invoice(post=False).date = self.days_ago(20)
        self.invoice(post=False)  # a fresh draft is fine
        result = self.measure()["old_drafts"]
        self.assertEqual((result["value"], result["status"]), (1, "warning"))
        self.assertIn("older than 15 days", result["explanation"])
        # the counts that make a warning and a bad status are settings too
        self.env["ir.config_parameter"].set_param("comasec_accounting_coaching.health_draft_bad_count", 1)
        self.assertEqual(self.measure()["old_drafts"]["status"], "bad")
        self.env["ir.config_parameter"].set_param("comasec_accounting_coaching.health_draft_warning_count", 2)
        self.env["ir.config_parameter"].set_param("comasec_accounting_coaching.health_draft_bad_count", 3)
        self.assertEqual(self.measure()["old_drafts"]["status"], "ok")

    def test_late_sales(self):
        self.invoice(days_ago=60)
        self.invoice(days_ago=5)
        result = self.measure()["late_sales"]
        self.assertEqual((result["value"], result["status"]), (1, "warning"))
        self.assertIn("1 of the 2 sales", result["explanation"])

    def test_numbering_gaps_and_duplicates(self):
        first, second, third = self.invoice(), self.invoice(), self.invoice()
        self.assertEqual(self.measure()["numbering"]["status"], "ok")
        # books imported with a missing and a repeated number
        self.env.cr.execute("UPDATE account_move SET sequence_number = 5 WHERE id = %s", [third.id])
        self.env.cr.execute("UPDATE account_move SET sequence_number = %s WHERE id = %s", [1, second.id])
        self.assertTrue(first.sequence_number)
        result = self.measure()["numbering"]
        self.assertEqual(result["status"], "bad")
        self.assertIn("3 missing and 1 repeated", result["explanation"])

    def test_unreconciled_statement_lines(self):
        self.invoice()
        self.env["account.bank.statement.line"].create(
            {"journal_id": self.bank_journal.id, "date": self.days_ago(40), "amount": 250.0, "payment_ref": "virement"}
        )
        self.env["account.bank.statement.line"].create(
            {"journal_id": self.bank_journal.id, "date": self.days_ago(2), "amount": 10.0, "payment_ref": "recent"}
        )
        result = self.measure()["unreconciled"]
        self.assertEqual((result["value"], result["status"]), (1, "warning"))

    def test_negative_cash_at_some_date(self):
        cash = self.cash_journal.default_account_id
        self.assertEqual(cash.account_type, "asset_cash")
        self.entry(10, self.expense, cash, 100)  # paid out before any cash came in
        self.entry(5, cash, self.income, 300)
        result = self.measure()["negative_cash"]
        self.assertEqual((result["value"], result["status"]), (1, "bad"))
        self.assertIn("-100.00", result["explanation"])
        self.entry(20, cash, self.income, 500)  # cash was there before: never negative
        self.assertEqual(self.measure()["negative_cash"]["status"], "ok")

    def test_overdue_receivables(self):
        self.invoice(days_ago=100, due_days_ago=90, amount=300)
        self.invoice(days_ago=1, due_days_ago=0, amount=700)
        result = self.measure()["overdue"]
        self.assertEqual((result["value"], result["status"]), (30.0, "warning"))
        self.invoice(days_ago=100, due_days_ago=80, amount=1000)
        self.assertEqual(self.measure()["overdue"]["status"], "bad")

    def test_fiscal_year_and_tax_periods_closed(self):
        self.entry(800, self.cash_journal.default_account_id, self.income, 100)
        result = self.measure()
        self.assertEqual(result["year_lock"]["status"], "bad")
        self.assertIn("still open", result["year_lock"]["explanation"])
        self.assertEqual(result["tax_lock"]["status"], "warning")
        year_end = fields.Date.from_string(result["year_lock"]["explanation"].split("ended ")[1][:10])
        self.company.sudo().write({"fiscalyear_lock_date": year_end, "tax_lock_date": self.today - timedelta(days=1)})
        result = self.measure()
        self.assertEqual(result["year_lock"]["status"], "ok")
        self.assertEqual(result["tax_lock"]["status"], "ok")

    def test_trial_balance(self):
        move = self.invoice()
        self.assertEqual(self.measure()["trial_balance"]["status"], "ok")
        line = move.line_ids.filtered("debit")[0]
        self.env.cr.execute("UPDATE account_move_line SET debit = debit + 10 WHERE id = %s", [line.id])
        result = self.measure()["trial_balance"]
        self.assertEqual((result["value"], result["status"]), (10.0, "bad"))

    def test_queries_do_not_grow_with_data(self):
        self.invoice()
        cr = self.env.cr
        self.env.flush_all()
        before = cr.sql_log_count
        self.env["comasec.accounting.health.measure"]._measure(self.company, self.today)
        small = cr.sql_log_count - before
        for days in range(1, 8):
            self.invoice(days_ago=days)
            self.entry(days, self.cash_journal.default_account_id, self.income, 10)
        self.env.flush_all()
        self.env.invalidate_all()
        before = cr.sql_log_count
        self.env["comasec.accounting.health.measure"]._measure(self.company | self.other_company, self.today)
        large = cr.sql_log_count - before
        self.assertLessEqual(large, small + 2)

    def test_cron_snapshots_and_access(self):
        self.invoice()
        # the cron measures every cooperative company, the demo ones too: count ours
        ours = [("date", "=", self.today), ("cooperative_id", "in", (self.coop | self.other_coop).ids)]
        self.Health._cron_compute_all()
        snapshots = self.Health.search(ours)
        self.assertEqual(snapshots.cooperative_id, self.coop | self.other_coop)
        self.Health._cron_compute_all()  # measuring again the same day replaces the snapshot
        self.assertEqual(self.Health.search_count(ours), 2)
        env_a = self.company_env(self.bookkeeper, self.company)
        self.assertEqual(env_a["comasec.accounting.health"].search([]).cooperative_id, self.coop)
        supervisor = self.Health.with_user(self.users["supervisor"])
        self.assertEqual(supervisor.search(ours).cooperative_id, self.coop | self.other_coop)
        supervisor.action_compute_now()
        self.assertEqual(self.Health.search_count(ours), 2)

    def test_compliance_review_uses_health(self):
        self.invoice()
        review = (
            self.env["comasec.compliance.review"]
            .with_user(self.users["supervisor"])
            .create({"cooperative_id": self.coop.id, "period": "2026", "review_date": self.today})
        )
        review.action_start()
        line = review.line_ids.filtered(lambda li: li.rule_id.code == "ACC-H1")
        self.assertEqual(line.result, "compliant", line.explanation)
        self.assertIn("Bookkeeping health", line.explanation)
        other = self.env["comasec.compliance.review"].create(
            {"cooperative_id": self.other_coop.id, "period": "2026", "review_date": self.today}
        )
        other.action_start()
        line = other.line_ids.filtered(lambda li: li.rule_id.code == "ACC-H1")
        self.assertEqual(line.result, "non_compliant")
        self.assertIn("No entry has ever been posted", line.explanation)

    def test_campaign_by_a_supervisor_without_open_books(self):
        """A supervisor who never opened these cooperatives' books (books are opened on
        demand) starts their reviews with the campaign wizard: the rules read each
        company's fiscal year end all the same (found at region size, issue 20)."""
        supervisor = settings_user(self.env, "campaign_supervisor", ["comasec_coop.comasec_coop_group_supervisor"])
        self.assertFalse((self.company | self.other_company) & supervisor.company_ids)
        wizard = (
            self.env["comasec.compliance.review.create"]
            .with_user(supervisor)
            .create({"cooperative_ids": [Command.set((self.coop | self.other_coop).ids)], "period": "2026-C"})
        )
        wizard.action_create()
        reviews = self.env["comasec.compliance.review"].search([("period", "=", "2026-C")])
        self.assertEqual(reviews.cooperative_id, self.coop | self.other_coop)
        self.assertNotIn("draft", reviews.mapped("state"))
        self.assertTrue(all(review.line_ids for review in reviews))

    def test_review_and_visit_read_one_snapshot_a_day(self):
        """A review measures the health once for all its rules, and a coaching visit the same
        day shows the same figures, even after the books changed in between."""
        self.invoice(days_ago=40, post=False)  # a draft older than 15 days: a warning
        supervisor = self.env(user=self.users["supervisor"])
        review = supervisor["comasec.compliance.review"].create(
            {"cooperative_id": self.coop.id, "period": "2026", "review_date": self.today}
        )
        review.action_start()
        snapshot = self.Health.search([("cooperative_id", "=", self.coop.id), ("date", "=", self.today)])
        self.assertEqual(len(snapshot), 1)
        weak = snapshot.line_ids.filtered(lambda li: li.status in ("warning", "bad"))
        self.assertIn("old_drafts", weak.mapped("indicator"))
        health_line = review.line_ids.filtered(lambda li: li.rule_id.code == "ACC-H1")
        for explanation in weak.mapped("explanation"):
            self.assertIn(explanation, health_line.explanation)
        self.invoice(days_ago=50, post=False)  # the books change later that day
        plan = supervisor["comasec.coaching.plan"].create(
            {"name": "Suivi", "cooperative_id": self.coop.id, "date_end": self.today + timedelta(days=90)}
        )
        visit = supervisor["comasec.coaching.visit"].create({"plan_id": plan.id, "date": self.today})
        visit.action_load_findings()
        self.assertEqual(sorted(visit.finding_ids.mapped("note")), sorted(weak.mapped("explanation")))
        self.assertEqual(
            self.Health.search([("cooperative_id", "=", self.coop.id), ("date", "=", self.today)]), snapshot
        )
