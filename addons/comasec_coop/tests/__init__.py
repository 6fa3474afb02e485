from . import test_cooperative
from . import test_compliance
from . import test_access
from . import test_creation
from . import test_diagnosis
from . import test_reports
from . import test_followups
from . import test_demo
