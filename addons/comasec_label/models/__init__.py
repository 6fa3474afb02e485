from . import comasec_label_standard
from . import comasec_label_criterion
