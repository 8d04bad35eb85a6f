"""Sign-in and accounts (placeholder until the sign-in issue lands)."""

from __future__ import annotations

import typing as t

from flask import Blueprint, render_template, request

from auth.models import User
from core.access import public
from core.db import db
from core.extensions import login_manager
from core.urls import safe_next

bp = Blueprint("auth", __name__, url_prefix="/auth")


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    try:
        return db.session.get(User, int(user_id))
    except (TypeError, ValueError):
        return None


@bp.get("/login")
@public
def login() -> t.Any:
    return render_template("auth/login.html", next=safe_next(request.args.get("next"), ""))
