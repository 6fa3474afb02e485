"""The public verification pages are read-only routes: with a PostgreSQL replica
configured (db_replica_host / db_replica_port), Odoo serves them from it.

Odoo's test server opens a read-only route's cursor as a read-only transaction, as a
replica's would be: a write there would fail and Odoo would retry on the primary with a
warning. A buyer's check of a certificate must be answered without either."""

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestReplicaRoutes(HttpCase):
    def assertServedReadOnly(self, path, expected):
        endpoint, _args = self.env["ir.http"].routing_map().bind("").match(path)
        self.assertIs(endpoint.routing["readonly"], True, f"{path} is not a read-only route")
        with self.assertNoLogs("odoo.http", "WARNING"):
            response = self.url_open(path)
        self.assertEqual(response.status_code, 200)
        self.assertIn(expected, response.text)

    def test_label_certificate_check_is_read_only(self):
        certificate = self.env["comasec.label.certificate"].search([("state", "=", "valid")], limit=1)
        if not certificate:
            self.skipTest("no valid label certificate (installed without demo data)")
        self.assertServedReadOnly(certificate._comasec_verify_path(), certificate.name)
        self.assertServedReadOnly(f"{certificate._comasec_verify_path()}.json", certificate.name)

    def test_training_certificate_check_is_read_only(self):
        certificate = self.env["comasec.training.certificate"].search([], limit=1)
        if not certificate:
            self.skipTest("no training certificate (installed without demo data)")
        self.assertServedReadOnly(certificate._comasec_verify_path(), certificate.name)
