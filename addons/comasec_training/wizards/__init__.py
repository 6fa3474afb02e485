from . import comasec_training_attendance_grid
from . import comasec_training_report_export
