from . import test_standard
