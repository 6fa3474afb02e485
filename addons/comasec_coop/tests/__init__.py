from . import test_cooperative
from . import test_compliance
from . import test_access
from . import test_validators
