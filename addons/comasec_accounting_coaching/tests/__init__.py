from . import test_amount_words
from . import test_export
from . import test_health
from . import test_invoice
from . import test_onboarding
from . import test_sales_entry
from . import test_surplus
from . import test_workers
