from . import certificate_dates
