from . import comasec_training_attendance_grid
