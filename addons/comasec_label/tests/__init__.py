from . import test_standard
from . import test_application
from . import test_audit
from . import test_committee
from . import test_certificate
from . import test_verify_page
from . import test_surveillance
from . import test_product_register
