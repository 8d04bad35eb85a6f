"""Site-wide views: health check and language choice."""

from __future__ import annotations

import typing as t

from flask import Blueprint, current_app, jsonify, redirect, request, session

from core.access import public
from core.app import database_ok
from core.urls import safe_next

bp = Blueprint("core", __name__)


@bp.get("/healthz")
@public
def healthz() -> t.Any:
    ok = database_ok()
    status = 200 if ok else 503
    return jsonify(status="ok" if ok else "unavailable", database="ok" if ok else "unavailable"), status


@bp.get("/lang/<code>")
@public
def set_language(code: str) -> t.Any:
    """Remember the chosen language in the session (a strictly necessary cookie)."""
    if code in current_app.config["LANGUAGES"]:
        session["lang"] = code
    return redirect(safe_next(request.args.get("next"), "/"))
