from . import comasec_label_sanction_wizard
from . import comasec_label_register_export
