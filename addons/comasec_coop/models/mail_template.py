from odoo import models
from odoo.exceptions import AccessError

MANAGER_GROUP = "comasec_coop.comasec_coop_group_manager"


class MailTemplate(models.Model):
    _inherit = "mail.template"

    def write(self, vals):
        self._check_comasec_template_access()
        return super().write(vals)

    def unlink(self):
        self._check_comasec_template_access()
        return super().unlink()

    def _update_field_translations(self, fname, translations, digest=None, source_lang=None):
        self._check_comasec_template_access()
        return super()._update_field_translations(fname, translations, digest=digest, source_lang=source_lang)

    def _comasec_send_batch(self, records):
        """Queue this template's mail to each of ``records``, with Odoo's batch sending (the
        template rendered for a batch at once, the mails created together), each kept as a
        message in its record's history once sent (``is_notification``, as the mass mail
        composer's "keep a log" does). Callers have checked the user may act on ``records``."""
        if not records:
            return self.env["mail.mail"]
        comment = self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_comment")
        return self.send_mail_batch(records.ids, email_values={"is_notification": True, "subtype_id": comment})

    def _check_comasec_template_access(self):
        """The suite's templates are sent with the rights of a manager or of a scheduled job,
        and their code runs with those rights: only CoMaSec managers change them, whatever
        other group (Events administrator, ...) makes a user a template editor."""
        if self.env.su or self.env.user.has_group(MANAGER_GROUP):
            return
        ours = [
            template
            for template, xmlids in self._get_external_ids().items()
            if any(xmlid.startswith("comasec_") for xmlid in xmlids)
        ]
        if ours:
            raise AccessError(
                self.env._(
                    "Only CoMaSec managers change the suite's mail templates (%s).",
                    ", ".join(self.browse(ours).mapped("name")),
                )
            )
