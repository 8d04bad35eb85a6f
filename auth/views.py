"""Sign-in and accounts (placeholder until the sign-in issue lands)."""

from __future__ import annotations

import typing as t

from flask import Blueprint, render_template, request

from sqlalchemy import select

from auth.models import User
from core.access import public
from core.db import db
from core.extensions import login_manager
from core.urls import safe_next

bp = Blueprint("auth", __name__, url_prefix="/auth")


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """``user_id`` is the account's session token (``User.get_id``), not its primary key."""
    if not user_id:
        return None
    user = db.session.scalar(select(User).where(User.session_token == user_id))
    return user if user is not None and user.is_active else None


@bp.get("/login")
@public
def login() -> t.Any:
    return render_template("auth/login.html", next=safe_next(request.args.get("next"), ""))
