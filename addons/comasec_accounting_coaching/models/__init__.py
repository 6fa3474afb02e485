from . import account_move
from . import res_config_settings
from . import res_currency
from . import res_lang
from . import res_partner
from . import res_users
