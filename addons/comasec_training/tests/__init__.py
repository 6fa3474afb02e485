from . import test_course
