"""Helpers that let the nightly jobs handle a batch of records in a bounded number of
queries, whatever the size of the batch."""

from odoo import fields

from .ir_qweb import COMPILE_ONCE


def queue_template_mails(records, template):
    """Queue the mail of ``template`` to each record's recipients, rendered for all
    ``records`` at once and kept on each record's history.

    ``message_post_with_source`` opens a composer per record (about twenty queries
    each); a nightly job over thousands of certificates renders the batch once and
    creates its mails with one create instead. Callers have checked the user may act
    on ``records``."""
    env = records.env
    if not records:
        return env["mail.mail"]
    # the body is compiled once for the batch (ir_qweb.py), not once per record
    rendered = template.with_context(**{COMPILE_ONCE: True})._generate_template(
        records.ids, ("subject", "body_html", "email_from", "partner_to", "reply_to")
    )
    author = env.user.partner_id
    comment = env["ir.model.data"]._xmlid_to_res_id("mail.mt_comment")
    vals_list = []
    for record in records:
        values = rendered[record.id]
        vals_list.append(
            {
                # given, even empty, as _message_log_batch does: mail.message's defaults
                # would be computed record by record (queries per mail)
                "email_from": values.get("email_from") or author.email_formatted,
                "reply_to": values.get("reply_to") or False,
                "model": records._name,
                "res_id": record.id,
                "subject": values.get("subject"),
                "body_html": values.get("body_html"),
                "body": values.get("body_html"),
                "author_id": author.id,
                "subtype_id": comment,
                "recipient_ids": [fields.Command.link(pid) for pid in values.get("partner_ids") or []],
                # the mail is deleted once sent; its message stays in the record's history
                "is_notification": True,
                "auto_delete": True,
            }
        )
    # sudo: mail.mail is not writable by label users; these mails only go to the
    # template's recipients of records the caller is already allowed to change
    return env["mail.mail"].sudo().create(vals_list)
