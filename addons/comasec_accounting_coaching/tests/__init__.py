from . import test_onboarding
