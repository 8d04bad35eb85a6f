"""Extension instances; ``create_app`` calls their ``init_app``."""

from __future__ import annotations

from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_wtf.csrf import CSRFProtect

migrate = Migrate(compare_type=True, render_as_batch=True)
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
# Storage: memory by default, Redis when REDIS_URL is set (see create_app).
limiter = Limiter(key_func=get_remote_address, default_limits=[], headers_enabled=True)
