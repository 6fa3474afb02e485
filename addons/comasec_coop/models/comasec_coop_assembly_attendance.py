from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ComasecCoopAssemblyAttendance(models.Model):
    _name = "comasec.coop.assembly.attendance"
    _description = "Attendance of a member at a general assembly"
    _order = "assembly_id, member_id"

    assembly_id = fields.Many2one("comasec.coop.assembly", required=True, ondelete="cascade", index=True)
    cooperative_id = fields.Many2one(related="assembly_id.cooperative_id", store=True, index=True)
    member_id = fields.Many2one("comasec.coop.member", required=True, ondelete="cascade")
    status = fields.Selection(
        [("present", "Present"), ("represented", "Represented"), ("absent", "Absent")],
        required=True,
        default="present",
    )
    proxy_member_id = fields.Many2one("comasec.coop.member", string="Represented by")

    _sql_constraints = [
        ("member_unique", "unique(assembly_id, member_id)", "A member is listed once per assembly."),
    ]

    @api.constrains("member_id", "assembly_id")
    def _check_member(self):
        for line in self:
            if line.member_id.cooperative_id != line.assembly_id.cooperative_id:
                raise ValidationError(
                    self.env._(
                        "%(member)s is not a member of %(coop)s.",
                        member=line.member_id.display_name,
                        coop=line.assembly_id.cooperative_id.name,
                    )
                )
