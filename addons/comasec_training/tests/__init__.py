from . import test_course
from . import test_session
from . import test_enrolment
from . import test_attendance
from . import test_evaluation
from . import test_certificate
from . import test_plan
from . import test_report
