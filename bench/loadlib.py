"""Shared pieces of the load and fault runs: a prepared database with cooperative
companies and their bookkeepers, an Odoo server with workers on loopback, a JSON-RPC
client, and the checks of invoice numbering that both runs end with."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import odoo
from odoo.modules.registry import Registry
from odoo.tools import SQL

PASSWORD = "bench-load"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "out")
ICES = ["001561191000066", "002136093000040"]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare(dbname, companies):
    """Create (once) ``companies`` Moroccan companies with the l10n_ma chart, a customer,
    a product and a bookkeeper user each; return [(login, company_id, partner_id, product_id)]."""
    registry = Registry(dbname)
    result = []
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        invoice_group = env.ref("account.group_account_invoice")
        for index in range(companies):
            login = f"load_bookkeeper_{index}"
            user = env["res.users"].with_context(active_test=False).search([("login", "=", login)])
            if not user:
                company = env["res.company"].create(
                    {
                        "name": f"Load cooperative {index}",
                        "country_id": env.ref("base.ma").id,
                        "currency_id": env.ref("base.MAD").id,
                    }
                )
                company.partner_id.write({"company_registry": ICES[index % 2], "vat": f"1000{index:04d}"})
                if "comasec_coop_if" in company.partner_id._fields:
                    company.partner_id.write(
                        {"comasec_coop_if": f"1000{index:04d}", "comasec_coop_tp": f"4810{index:04d}"}
                    )
                env["account.chart.template"].try_loading("ma", company, install_demo=False)
                user = env["res.users"].create(
                    {
                        "name": f"Load bookkeeper {index}",
                        "login": login,
                        "password": PASSWORD,
                        "company_id": company.id,
                        "company_ids": [odoo.Command.set(company.ids)],
                        "groups_id": [odoo.Command.set([env.ref("base.group_user").id, invoice_group.id])],
                    }
                )
                env["res.partner"].create(
                    {"name": f"Load customer {index}", "company_id": company.id, "company_registry": ICES[0]}
                )
                env["product.product"].create({"name": f"Argan oil {index}", "company_id": company.id})
            company = user.company_id
            partner = env["res.partner"].search([("name", "=", f"Load customer {index}")], limit=1)
            product = env["product.product"].search([("name", "=", f"Argan oil {index}")], limit=1)
            result.append((login, company.id, partner.id, product.id))
        cr.commit()
    return result


def odoo_command():
    """How to start Odoo: its odoo-bin (workers re-run it for the gevent process,
    which `python -m odoo` cannot serve), else the `odoo` command of a packaged Odoo."""
    odoo_bin = os.path.join(os.path.dirname(os.path.dirname(odoo.__file__)), "odoo-bin")
    if os.path.isfile(odoo_bin):
        return [sys.executable, odoo_bin]
    return ["odoo"]


class Server:
    """An Odoo server with workers on a loopback port, started and stopped by the run."""

    def __init__(self, config, dbname, workers=2):
        self.port = free_port()
        self.cmd = [
            *odoo_command(), "-c", config, "-d", dbname, f"--db-filter=^{dbname}$",
            f"--workers={workers}", "--max-cron-threads=0", "--http-interface=127.0.0.1",
            f"--http-port={self.port}", f"--gevent-port={free_port()}", "--log-level=warn",
        ]  # fmt: skip
        self.proc = None
        self.url = f"http://127.0.0.1:{self.port}"

    def start(self):
        os.makedirs(OUT, exist_ok=True)
        with open(os.path.join(OUT, "server.log"), "ab") as log:
            self.proc = subprocess.Popen(self.cmd, start_new_session=True, stdout=log, stderr=log)
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.url + "/web/health", timeout=5)
                return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.5)
        raise RuntimeError(f"the Odoo server did not answer within 120 s: see {OUT}/server.log")

    def kill(self):
        """SIGKILL the whole server (master and workers), as a power cut would."""
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=60)


class Client:
    """JSON-RPC over /jsonrpc, one per simulated user."""

    def __init__(self, url, dbname, login, password):
        self.url, self.db, self.password = url, dbname, password
        self.uid = self.call("common", "login", dbname, login, password)

    def call(self, service, method, *args, timeout=120):
        body = json.dumps(
            {"jsonrpc": "2.0", "method": "call", "params": {"service": service, "method": method, "args": args}}
        ).encode()
        request = urllib.request.Request(self.url + "/jsonrpc", body, {"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            payload = json.loads(response.read())
        if "error" in payload:
            raise RuntimeError(payload["error"]["data"].get("message", payload["error"]["message"]))
        return payload["result"]

    def execute(self, model, method, *args, **kwargs):
        return self.call("object", "execute_kw", self.db, self.uid, self.password, model, method, list(args), kwargs)


def invoice_vals(company_id, partner_id, product_id, amount):
    return {
        "move_type": "out_invoice",
        "company_id": company_id,
        "partner_id": partner_id,
        "invoice_line_ids": [(0, 0, {"product_id": product_id, "quantity": 1, "price_unit": amount})],
    }


def numbering_report(dbname, company_ids):
    """Per company: posted customer invoices, duplicated numbers, holes in the sequence,
    and moves left half-posted (posted without a number or unbalanced)."""
    registry = Registry(dbname)
    with registry.cursor() as cr:
        cr.execute(
            SQL(
                """
                SELECT company_id, sequence_prefix, count(*), count(DISTINCT name),
                       max(sequence_number) - min(sequence_number) + 1
                  FROM account_move
                 WHERE state = 'posted' AND move_type = 'out_invoice' AND company_id IN %s
              GROUP BY company_id, sequence_prefix
                """,
                tuple(company_ids),
            )
        )
        rows = cr.fetchall()
        cr.execute(
            SQL(
                """
                SELECT count(*) FROM account_move m
                 WHERE m.company_id IN %s AND m.state = 'posted'
                   AND (m.name IS NULL OR m.name = '/' OR EXISTS (
                        SELECT 1 FROM account_move_line l WHERE l.move_id = m.id
                        GROUP BY l.move_id HAVING round(sum(l.balance), 2) != 0))
                """,
                tuple(company_ids),
            )
        )
        broken = cr.fetchone()[0]
    posted = sum(r[2] for r in rows)
    duplicates = sum(r[2] - r[3] for r in rows)
    holes = sum(r[4] - r[2] for r in rows)
    return {"posted": posted, "duplicates": duplicates, "holes": holes, "broken": broken}
