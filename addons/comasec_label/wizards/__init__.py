from . import comasec_label_sanction_wizard
from . import comasec_label_register_export
from . import comasec_member_delivery
from . import comasec_label_recall
from . import comasec_label_sticker_issue
