from . import comasec_label_params
from . import comasec_label_standard
from . import comasec_label_criterion
from . import comasec_label_application
