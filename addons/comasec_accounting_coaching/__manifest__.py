{
    "name": "CoMaSec Accounting Coaching",
    "summary": "Each cooperative's books as its own company, Moroccan invoices, "
    "bookkeeping health, coaching visits and year-end surplus allocation",
    "version": "18.0.1.0.0",
    "category": "CoMaSec",
    "website": "https://github.com/comasec/comasec-odoo",
    "author": "CoMaSec",
    "license": "LGPL-3",
    "depends": ["comasec_coop", "account", "l10n_ma", "hr"],
    "external_dependencies": {"python": ["xlsxwriter", "num2words"]},
    "data": [
        "security/comasec_accounting_coaching_groups.xml",
        "security/ir.model.access.csv",
        "data/res_currency_data.xml",
        "report/report_invoice.xml",
        "wizards/comasec_accounting_onboarding_views.xml",
        "views/res_partner_views.xml",
        "views/account_move_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "installable": True,
}
