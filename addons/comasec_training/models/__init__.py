from . import comasec_training_course
