import re
import secrets

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.http import request
from odoo.tools import SQL

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

    A model sets ``_comasec_verify_route`` (the page's path, e.g. "/label/verify") and
    ``_comasec_number_pattern`` (what its numbers look like), and keeps its number in
    ``name``."""

    _name = "comasec.public.document.mixin"
    _description = "Document checked publicly by its number and verification code"

    _comasec_verify_route = None
    _comasec_number_pattern = re.compile(r"[A-Za-z0-9-]{1,32}")

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


def public_page_values(**values):
    """The values of a public check page: CoMaSec (the main company) as its brand and
    footer, whoever the visitor is (a bookkeeper's own company is a cooperative)."""
    # sudo: the main company's name and logo are public, as on every printed document
    return {"res_company": request.env.ref("base.main_company").sudo(), **values}
