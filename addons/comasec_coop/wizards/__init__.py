from . import comasec_compliance_review_reopen
from . import comasec_compliance_review_create
