{
    "name": "CoMaSec Maroc Solidaire Label",
    "summary": "The Maroc Solidaire label: standard, application, audit, committee, "
    "certificate with public verification, surveillance",
    "version": "18.0.1.0.0",
    "category": "CoMaSec",
    "website": "https://github.com/comasec/comasec-odoo",
    "author": "CoMaSec",
    "license": "LGPL-3",
    "depends": ["comasec_coop", "portal", "product"],
    "data": [
        "security/ir.model.access.csv",
        "security/comasec_label_rules.xml",
        "data/ir_sequence_data.xml",
        "data/comasec_label_standard_data.xml",
        "data/mail_template_data.xml",
        "views/comasec_label_standard_views.xml",
        "views/comasec_label_application_views.xml",
        "views/comasec_label_menus.xml",
    ],
    "installable": True,
}
