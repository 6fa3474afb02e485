from . import comasec_training_report
