from . import comasec_compliance_review_reopen
from . import comasec_compliance_review_create
from . import comasec_coop_member_rejoin
