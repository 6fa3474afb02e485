from lxml import etree

from odoo import models

# context key set by queue_template_mails while it renders one template for a batch
COMPILE_ONCE = "comasec_label_qweb_compile_once"


class IrQweb(models.AbstractModel):
    _inherit = "ir.qweb"

    def _compile(self, template):
        """Compile an inline template once per cursor while ``COMPILE_ONCE`` is set.

        Odoo caches the compiled code of views, not of inline templates (a mail
        template's body is parsed again for every record, then compiled: a few
        milliseconds each). The code depends only on the source and on the cache keys
        of the context (language, restricted rendering...), which form the key here, as
        Odoo's own cache for views does; rendering still runs per record."""
        if not self.env.context.get(COMPILE_ONCE) or not isinstance(template, etree._Element):
            return super()._compile(template)
        key = (
            etree.tostring(template),
            self.env.uid,
            self.env.su,
            tuple(self.env.context.get(name) for name in self._get_template_cache_keys()),
        )
        compiled = self.env.cr.cache.setdefault(COMPILE_ONCE, {})
        if key not in compiled:
            compiled[key] = super()._compile(template)
        return compiled[key]
