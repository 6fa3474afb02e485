from . import amount_words
from . import health
from . import surplus
from . import entry_date
