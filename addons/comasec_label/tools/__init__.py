from . import certificate_dates
from . import sampling
from . import traceability
