from . import certificate_dates
from . import sampling
