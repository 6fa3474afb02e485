from . import comasec_label_sanction_wizard
