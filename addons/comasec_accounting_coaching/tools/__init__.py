from . import amount_words
from . import entry_date
from . import health
from . import payroll
from . import surplus
from . import tax_regime
from . import vat_deduction
