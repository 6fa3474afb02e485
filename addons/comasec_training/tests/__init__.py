from . import test_course
from . import test_session
