import base64
import re
import secrets

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.http import request
from odoo.tools import SQL
from odoo.tools.image import image_data_uri

# Characters nobody misreads on paper (no 0/O, 1/I/L); 12 of them give 31**12 (about
# 8 * 10**17) codes: a certificate cannot be found by trying codes, nor listed by counting.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_PATTERN = re.compile(r"[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}")


def new_verification_code():
    code = "".join(secrets.choice(CODE_ALPHABET) for _i in range(12))
    return f"{code[:4]}-{code[4:8]}-{code[8:]}"


class ComasecPublicDocumentMixin(models.AbstractModel):
    """A document anyone may check on a public page, by the number and the verification
    code printed on it: the number alone (sequential, so guessable) shows nothing.

    A model keeps its number in ``name`` ("/" until numbered) and sets:

    - ``_comasec_sequence_code``: the ``ir.sequence`` its numbers are drawn from;
    - ``_comasec_number_pattern``: what its numbers look like (anything else is refused
      before querying);
    - ``_comasec_verify_route``: the path of its public page, followed by the number and
      the code (the addon routes it to comasec_coop's PublicDocumentCheck), and the templates of
      the page (``_comasec_verify_template``, given ``_public_page_values``) and of the
      answer to an unknown number or a wrong code (``_comasec_verify_not_found_template``);
    - ``_public_values``: what anyone may know of it (the page, and its JSON)."""

    _name = "comasec.public.document.mixin"
    _description = "Document checked publicly by its number and verification code"

    _comasec_sequence_code = None
    _comasec_number_pattern = re.compile(r"[A-Za-z0-9-]{1,32}")
    _comasec_verify_route = None
    _comasec_verify_template = None
    _comasec_verify_not_found_template = None

    verification_code = fields.Char(
        string="Verification code",
        readonly=True,
        copy=False,
        help="Printed beside the number: with it, anyone can check the document on its public page.",
    )
    verify_url = fields.Char(compute="_compute_verify_url", string="Verification page")

    def _compute_verify_url(self):
        base_url = self.get_base_url()
        for document in self:
            document.verify_url = f"{base_url}{document._comasec_verify_path()}"

    def _comasec_verify_path(self):
        """The public page of the document (what its QR code and printed link carry)."""
        self.ensure_one()
        return f"{self._comasec_verify_route}/{self.name}/{self.verification_code}"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "verification_code" in vals:
                raise UserError(self.env._("The verification code is drawn by Odoo: leave it empty."))
            vals["verification_code"] = new_verification_code()
        self.env["ir.sequence"]._comasec_number_new(self._comasec_sequence_code, vals_list)
        return super().create(vals_list)

    def write(self, vals):
        if "verification_code" in vals:
            raise UserError(self.env._("The verification code printed on a document cannot be changed."))
        return super().write(vals)

    def _auto_init(self):
        """Draw a code for each document that has none (those issued before the codes)."""
        result = super()._auto_init()
        if self._abstract:
            return result
        ids = [
            row[0]
            for row in self.env.execute_query(
                SQL("SELECT id FROM %s WHERE verification_code IS NULL", SQL.identifier(self._table))
            )
        ]
        if ids:
            self.env.execute_query(
                SQL(
                    "UPDATE %s AS doc SET verification_code = new.code "
                    "FROM unnest(%s::int[], %s::varchar[]) AS new(id, code) WHERE doc.id = new.id",
                    SQL.identifier(self._table),
                    ids,
                    [new_verification_code() for _id in ids],
                )
            )
        return result

    def _get_report_base_filename(self):
        """File name of the document downloaded from the portal: its number."""
        self.ensure_one()
        return self.name

    def _qr_code_data_uri(self):
        """The QR code of the public page, embedded in the PDF (no fetch by wkhtmltopdf)."""
        self.ensure_one()
        return self._qr_data_uri(self.verify_url)

    @api.model
    def _qr_data_uri(self, url):
        """A QR code of ``url`` as a data URI, for the PDFs (certificates, labelled lots' stickers)."""
        png = self.env["ir.actions.report"].barcode("QR", url, width=180, height=180)
        return image_data_uri(base64.b64encode(png))

    @api.model
    def _public_find(self, number, code):
        """The document of ``number`` whose code is ``code``, or an empty recordset.

        Run as superuser by the public pages: one exact number and code, in one query,
        so a wrong code, a missing one and an unknown number look the same (no listing,
        no timing difference worth measuring)."""
        code = (code or "").strip().upper()
        if not (number and self._comasec_number_pattern.fullmatch(number) and CODE_PATTERN.fullmatch(code)):
            return self.browse()
        return self.search([("name", "=", number), ("verification_code", "=", code)], limit=1)

    @api.model
    def _public_lookup(self, number, code):
        """What anyone may know of the document of ``number`` and ``code``, or None.

        Called by the public page as superuser: it finds one document by the number and
        verification code printed on it (_public_find) and returns only _public_values,
        so it neither lists documents nor reveals what the document does not print."""
        document = self._public_find(number, code)
        return document._public_values() if document else None

    def _public_values(self):
        """The public facts of the document, JSON-serializable (its page and its JSON)."""
        raise NotImplementedError

    @api.model
    def _public_page_values(self, data, code, params):
        """The values of the template of the public page: ``data`` from _public_lookup,
        ``code`` as typed, ``params`` the query parameters of the request."""
        return {"document": data}


def public_page_values(**values):
    """The values of a public check page: CoMaSec (the main company) as its brand and
    footer, whoever the visitor is (a bookkeeper's own company is a cooperative)."""
    # sudo: the main company's name and logo are public, as on every printed document
    return {"res_company": request.env.ref("base.main_company").sudo(), **values}
