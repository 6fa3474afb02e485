from . import test_standard
from . import test_application
from . import test_audit
from . import test_committee
