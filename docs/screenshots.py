"""Take the README's screenshots from a database with the suite and its demo data.

    python3 docs/screenshots.py -c CONF -d DB [--out docs/screenshots]

Starts Odoo on a free 127.0.0.1 port and Debian's headless Chromium, logs in as the
demo supervisor (or admin), and saves PNGs of the cockpit, a compliance review, a
label application and a public certificate page. Needs the `chromium` package and the
`websocket-client` Python package.
"""

import argparse
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bench"))
import loadlib

import odoo
from odoo.modules.registry import Registry
from odoo.tools import config


class Browser:
    def __init__(self, width=1400, height=900):
        self.profile = tempfile.mkdtemp(prefix="comasec-chromium-")
        port = loadlib.free_port()
        self.proc = subprocess.Popen(
            [
                shutil.which("chromium") or "chromium",
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={self.profile}",
                f"--remote-debugging-port={port}",
                f"--window-size={width},{height}",
                "about:blank",
            ],  # fmt: skip
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _i in range(100):
            try:
                targets = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{port}/json", timeout=2).read())
                page = next(t for t in targets if t["type"] == "page")
                break
            except (OSError, StopIteration):
                time.sleep(0.2)
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60)
        self.ids = 0

    def send(self, method, **params):
        self.ids += 1
        self.ws.send(json.dumps({"id": self.ids, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.ids:
                return message.get("result", {})

    def evaluate(self, expression):
        return self.send("Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True)

    def open(self, url, settle=4.0):
        self.send("Page.navigate", url=url)
        time.sleep(settle)

    def shoot(self, path):
        data = self.send("Page.captureScreenshot", format="png")["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))
        print(f"saved {path}")

    def close(self):
        self.ws.close()
        self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def targets(dbname):
    """(login, password, [(file name, url path)]) from the demo data."""
    with Registry(dbname).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        supervisor = env.ref("comasec_coop.demo_user_supervisor", raise_if_not_found=False)
        login = ("supervisor", "supervisor") if supervisor else ("admin", "admin")
        pages = [("cockpit.png", "/odoo/action-comasec_coop.res_partner_action_comasec_coop")]
        review = env["comasec.compliance.review"].search([("state", "=", "done")], limit=1)
        if review:
            pages.append(("review.png", f"/odoo/action-comasec_coop.comasec_compliance_review_action/{review.id}"))
        if "comasec.label.application" in env:
            # one before the committee: its audit, checklist score and non-conformities are filled in
            Application = env["comasec.label.application"]
            application = Application.search([("state", "=", "committee")], limit=1) or Application.search(
                [], limit=1, order="id desc"
            )
            action = env.ref("comasec_label.comasec_label_application_action", raise_if_not_found=False)
            if application and action:
                pages.append(("application.png", f"/odoo/action-{action.id}/{application.id}"))
            certificate = env["comasec.label.certificate"].search([("state", "=", "valid")], limit=1)
            if certificate:
                pages.append(("certificate.png", certificate._comasec_verify_path()))
    return login, pages


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "screenshots"))
    args = parser.parse_args()
    config.parse_config(["-c", args.config])
    (login, password), pages = targets(args.database)
    os.makedirs(args.out, exist_ok=True)
    server = loadlib.Server(args.config, args.database, workers=0).start()
    browser = Browser()
    try:
        browser.open(f"{server.url}/web/login")
        params = json.dumps({"db": args.database, "login": login, "password": password})
        answer = browser.evaluate(
            "fetch('/web/session/authenticate', {method: 'POST', headers: {'Content-Type': 'application/json'},"
            f" body: JSON.stringify({{jsonrpc: '2.0', params: {params}}})}}).then(r => r.json()).then(r => !!r.result)"
        )
        if not answer.get("result", {}).get("value"):
            raise SystemExit(f"could not log in as {login}: {answer}")
        # The first page of a fresh server builds the asset bundles: wait for it once.
        browser.open(f"{server.url}/odoo", settle=20)
        for name, path in pages:
            browser.open(server.url + path, settle=6)
            browser.shoot(os.path.join(args.out, name))
    finally:
        browser.close()
        server.stop()


if __name__ == "__main__":
    main()
