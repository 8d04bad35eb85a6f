"""``flask users ...`` commands."""

from __future__ import annotations

from flask.cli import AppGroup

cli = AppGroup("users", help="Manage accounts.")
