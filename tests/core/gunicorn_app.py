"""The WSGI app the gunicorn tests serve: ``create_app`` with the test overrides in
``TEST_APP_OVERRIDES`` (JSON), as the in-process suite builds its app."""

from __future__ import annotations

import json
import os

from core.app import create_app

app = create_app(json.loads(os.environ.get("TEST_APP_OVERRIDES", "{}")))
