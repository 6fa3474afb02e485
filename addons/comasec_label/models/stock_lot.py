from odoo import api, fields, models
from odoo.addons.comasec_coop.models.comasec_public_document_mixin import CODE_PATTERN, new_verification_code
from odoo.exceptions import UserError

from ..tools.traceability import certificate_state_on
from .comasec_label_certificate import NUMBER_PATTERN

# set by the member deliveries and the production batches (with sudo, after their checks)
TRACE_FIELDS = (
    "comasec_member_id",
    "comasec_delivery_date",
    "comasec_commune_id",
    "comasec_delivered_qty",
    "comasec_production_id",
    "comasec_certificate_id",
    "comasec_verification_code",
)


class StockLot(models.Model):
    _name = "stock.lot"
    _inherit = ["stock.lot", "comasec.workflow.mixin"]
    _comasec_workflow_fields = TRACE_FIELDS

    # a lot of raw produce delivered by a member
    comasec_member_id = fields.Many2one(
        "comasec.coop.member", string="Delivered by", readonly=True, index=True, ondelete="restrict"
    )
    comasec_delivery_date = fields.Date(string="Delivery date", readonly=True)
    comasec_commune_id = fields.Many2one("comasec.commune", string="Commune of the harvest", readonly=True)
    comasec_delivered_qty = fields.Float(string="Quantity delivered", readonly=True, digits="Product Unit of Measure")
    comasec_used_ids = fields.One2many(
        "comasec.label.production.input", "lot_id", string="Used in the batches", readonly=True
    )
    comasec_output_lot_ids = fields.Many2many(
        "stock.lot", compute="_compute_comasec_output_lot_ids", string="Finished lots made from it"
    )
    # a finished lot, made by a production batch
    comasec_production_id = fields.Many2one(
        "comasec.label.production", string="Production batch", readonly=True, index=True, ondelete="restrict"
    )
    comasec_production_date = fields.Date(related="comasec_production_id.production_date", string="Production date")
    comasec_best_before_date = fields.Date(related="comasec_production_id.best_before_date", string="Best before")
    comasec_women_share = fields.Integer(related="comasec_production_id.women_share")
    comasec_input_ids = fields.One2many(related="comasec_production_id.input_ids", string="Delivered lots used")
    comasec_certificate_id = fields.Many2one(
        "comasec.label.certificate",
        string="Maroc Solidaire certificate",
        readonly=True,
        index=True,
        help="The certificate in force on the production date.",
    )
    comasec_verification_code = fields.Char(string="Lot verification code", readonly=True, copy=False, index=True)
    comasec_verify_url = fields.Char(compute="_compute_comasec_verify_url", string="Lot page")
    comasec_sticker_ids = fields.One2many("comasec.label.sticker", "lot_id", string="Stickers", readonly=True)
    comasec_stickers_issued = fields.Integer(compute="_compute_comasec_sticker_counts", string="Stickers issued")
    comasec_stickers_used = fields.Integer(compute="_compute_comasec_sticker_counts", string="Stickers used")
    comasec_stickers_voided = fields.Integer(compute="_compute_comasec_sticker_counts", string="Stickers voided")
    # the invoice lines that paid it (a delivered lot) or sold it (a finished lot)
    comasec_move_line_ids = fields.One2many(
        "account.move.line", "comasec_lot_id", string="Invoice lines", readonly=True
    )

    _sql_constraints = [
        (
            "comasec_verification_code_unique",
            "unique(comasec_verification_code)",
            "A lot verification code is unique.",
        ),
    ]

    @api.depends("comasec_used_ids.production_id.lot_id")
    def _compute_comasec_output_lot_ids(self):
        for lot in self:
            lot.comasec_output_lot_ids = lot.comasec_used_ids.production_id.lot_id

    def _compute_comasec_verify_url(self):
        base_url = self.get_base_url()
        for lot in self:
            lot.comasec_verify_url = (
                f"{base_url}/label/verify/{lot.comasec_certificate_id.name}/{lot.comasec_verification_code}"
                if lot.comasec_certificate_id and lot.comasec_verification_code
                else False
            )

    @api.depends("comasec_sticker_ids.state")
    def _compute_comasec_sticker_counts(self):
        counts = {
            (lot.id, state): count
            for lot, state, count in self.env["comasec.label.sticker"]._read_group(
                [("lot_id", "in", self.ids)], ["lot_id", "state"], ["__count"]
            )
        }
        for lot in self:
            used = counts.get((lot.id, "used"), 0)
            lot.comasec_stickers_used = used
            lot.comasec_stickers_voided = counts.get((lot.id, "voided"), 0)
            lot.comasec_stickers_issued = counts.get((lot.id, "issued"), 0) + used + lot.comasec_stickers_voided

    # the certificate of a finished lot -------------------------------------

    def _comasec_certificate_in_force(self):
        """The certificate of the lot's cooperative in force on its production date, whatever its scope."""
        self.ensure_one()
        day = self.comasec_production_date
        return self.env["comasec.label.certificate"].search(
            [
                ("cooperative_id", "=", self.company_id.partner_id.id),
                ("issue_date", "<=", day),
                ("expiry_date", ">=", day),
                ("state", "!=", "withdrawn"),
            ],
            order="issue_date desc, id desc",
            limit=1,
        )

    def _comasec_certify(self):
        """Give each finished lot the certificate in force on its production date when its
        product is in the certificate's scope, and a verification code for its stickers."""
        for lot in self:
            certificate = lot._comasec_certificate_in_force()
            if lot.product_id.product_tmpl_id not in certificate.product_ids:
                certificate = certificate.browse()
            # sudo: the certificate and the code are set here only (TRACE_FIELDS)
            lot.sudo().write(
                {
                    "comasec_certificate_id": certificate.id,
                    "comasec_verification_code": new_verification_code() if certificate else False,
                }
            )

    def _comasec_certificate_state_on(self, day):
        self.ensure_one()
        certificate = self.comasec_certificate_id
        return certificate_state_on(
            day,
            certificate.issue_date,
            certificate.expiry_date,
            [(sanction.date, sanction.kind) for sanction in certificate.sanction_ids.sorted("id")],
        )

    # stickers ----------------------------------------------------------------

    def _comasec_issue_stickers(self, count):
        """Issue ``count`` numbered stickers for this finished lot: refused without a
        certificate in force, for a product outside its scope, while it is suspended (or
        no longer valid), and beyond the quantity made."""
        self.ensure_one()
        self.check_access("write")
        if count <= 0:
            raise UserError(self.env._("Give the number of stickers to issue (at least one)."))
        if not self.comasec_production_id:
            raise UserError(
                self.env._("The lot %s is no finished lot of a production batch: it gets no sticker.", self.name)
            )
        certificate = self.comasec_certificate_id or self._comasec_certificate_in_force()
        if not certificate:
            raise UserError(
                self.env._(
                    "No Maroc Solidaire certificate of the cooperative was in force on the production date of "
                    "the lot %s: it gets no sticker.",
                    self.name,
                )
            )
        if self.product_id.product_tmpl_id not in certificate.product_ids:
            raise UserError(
                self.env._(
                    "%(product)s is outside the scope of the certificate %(number)s: no sticker for the lot %(lot)s.",
                    product=self.product_id.display_name,
                    number=certificate.name,
                    lot=self.name,
                )
            )
        state = certificate._public_state()
        if state == "suspended":
            raise UserError(
                self.env._(
                    "The certificate %s is suspended: no sticker is issued until it is reinstated.", certificate.name
                )
            )
        if state != "valid":
            raise UserError(
                self.env._(
                    "The certificate %(number)s is %(state)s: no sticker is issued under it.",
                    number=certificate.name,
                    state=dict(certificate._fields["state"]._description_selection(self.env))[state],
                )
            )
        made = self.comasec_production_id.quantity
        live = self.comasec_stickers_issued - self.comasec_stickers_voided
        if live + count > made:
            raise UserError(
                self.env._(
                    "The lot %(lot)s has %(made)s units and %(live)s stickers already: %(count)s more would "
                    "label units that do not exist.",
                    lot=self.name,
                    made=made,
                    live=live,
                    count=count,
                )
            )
        first = len(self.comasec_sticker_ids) + 1
        # sudo: stickers are created here only (their create refuses anyone else), after the checks above
        stickers = (
            self.env["comasec.label.sticker"]
            .sudo()
            .create([{"lot_id": self.id, "number": number} for number in range(first, first + count)])
        )
        return stickers.sudo(False)

    def action_comasec_issue_stickers(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Issue stickers"),
            "res_model": "comasec.label.sticker.issue",
            "view_mode": "form",
            "target": "new",
            "context": {"default_lot_id": self.id},
        }

    def action_comasec_print_stickers(self):
        """The PDF of the lot's stickers not used nor voided yet, to stick on its jars."""
        self.ensure_one()
        stickers = self.comasec_sticker_ids.filtered(lambda s: s.state == "issued")
        if not stickers:
            raise UserError(self.env._("The lot %s has no issued sticker left to print.", self.name))
        return self.env.ref("comasec_label.comasec_label_sticker_report").report_action(stickers)

    def action_comasec_recall(self):
        self.ensure_one()
        return self.env["comasec.label.recall"]._open(self)

    # public lot page ---------------------------------------------------------

    @api.model
    def _comasec_public_find(self, number, code):
        """The labelled lot of certificate ``number`` whose code is ``code``, or an empty
        recordset: run as superuser by the public page, one exact pair, no listing."""
        code = (code or "").strip().upper()
        if not (number and NUMBER_PATTERN.fullmatch(number) and CODE_PATTERN.fullmatch(code)):
            return self.browse()
        return self.search(
            [("comasec_certificate_id.name", "=", number), ("comasec_verification_code", "=", code)], limit=1
        )

    @api.model
    def _comasec_public_lookup(self, number, code):
        """What anyone may know of the labelled lot of ``number`` and ``code``, or None:
        product, lot, dates, cooperative, province, the women's share of the produce (a
        figure) and the certificate's status today and on the production date; no names
        of members, no quantities, no prices."""
        lot = self._comasec_public_find(number, code)
        if not lot:
            return None
        certificate = lot.comasec_certificate_id
        states = dict(certificate._fields["state"]._description_selection(self.env))
        today_state = certificate._public_state()
        made_state = lot._comasec_certificate_state_on(lot.comasec_production_date)
        cooperative = certificate.cooperative_id
        return {
            "lot": lot.name,
            "product": lot.product_id.name,
            "production_date": lot.comasec_production_date.isoformat(),
            "best_before_date": lot.comasec_best_before_date.isoformat(),
            "cooperative": cooperative.name,
            "province": cooperative.comasec_coop_province_id.name or None,
            "women_share": lot.comasec_women_share,
            "certificate": certificate.name,
            "status": today_state,
            "status_label": states[today_state],
            "is_valid": today_state == "valid",
            "production_status": made_state,
            "production_status_label": states.get(made_state),
        }
