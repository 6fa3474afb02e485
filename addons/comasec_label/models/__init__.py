from . import comasec_label_params
from . import comasec_label_standard
from . import comasec_label_criterion
from . import comasec_label_application
from . import comasec_label_conflict_declaration
from . import comasec_label_audit
from . import comasec_label_audit_line
from . import comasec_label_nonconformity
