from . import test_cooperative
from . import test_compliance
from . import test_access
