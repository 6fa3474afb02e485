from . import comasec_accounting_onboarding
from . import comasec_cash_sale
from . import comasec_member_delivery
from . import comasec_payroll_entry
from . import comasec_surplus_allocation
from . import comasec_vat_deduction_statement
