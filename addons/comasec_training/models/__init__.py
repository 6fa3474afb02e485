from . import comasec_training_course
from . import comasec_training_session_day
from . import event_event
from . import event_registration
from . import comasec_training_attendance
from . import comasec_training_certificate
