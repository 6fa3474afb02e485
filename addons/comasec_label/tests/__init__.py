from . import test_standard
from . import test_application
