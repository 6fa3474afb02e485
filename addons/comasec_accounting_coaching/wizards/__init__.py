from . import comasec_accounting_onboarding
