"""Access rules for every view: login required unless a view says otherwise.

Each view function carries one rule, set by a decorator:

* ``@public``: anyone.
* ``@signed_in``: any signed-in account (the default for an undecorated view).
* ``@roles("candidate")``, ``@roles("recruiter", "admin")``, ``@roles("admin")``.

``enforce`` runs before every request (registered by the app factory) and applies the
rule of the endpoint; ``tests/core/test_access.py`` pins the rule of every route.

Data-level refusals ("this application exists, but it is not yours") raise ``NotYours``:
the app answers it exactly like a missing object (the plain 404 page, so existence is not
revealed) and logs it as a refused access, by ids only.
"""

from __future__ import annotations

import logging
import typing as t

from flask import abort, current_app, redirect, request, url_for
from flask_login import current_user
from werkzeug.exceptions import NotFound

F = t.TypeVar("F", bound=t.Callable[..., t.Any])
logger = logging.getLogger(__name__)

PUBLIC = "public"
SIGNED_IN = "signed_in"


def public(view: F) -> F:
    view.access_rule = PUBLIC  # type: ignore[attr-defined]
    return view


def signed_in(view: F) -> F:
    view.access_rule = SIGNED_IN  # type: ignore[attr-defined]
    return view


def roles(*names: str) -> t.Callable[[F], F]:
    def decorator(view: F) -> F:
        view.access_rule = tuple(sorted(names))  # type: ignore[attr-defined]
        return view

    return decorator


def rule_for(endpoint: str | None) -> str | tuple[str, ...]:
    if endpoint is None:
        return PUBLIC  # 404s and the like
    if endpoint == "static":
        return PUBLIC
    view = current_app.view_functions.get(endpoint)
    return getattr(view, "access_rule", SIGNED_IN)


def enforce() -> t.Any:
    rule = rule_for(request.endpoint)
    if rule == PUBLIC:
        return None
    if not current_user.is_authenticated:
        if request.method == "GET" and request.accept_mimetypes.accept_html:
            return redirect(url_for(current_app.login_manager.login_view, next=request.full_path.rstrip("?")))
        abort(401)
    if rule != SIGNED_IN and current_user.role not in rule:
        # A refusal is a security event (ASVS 4 7.2.2): logged by id and role, never by name.
        logger.warning("access refused: %s for user %s (role %s)", request.endpoint, current_user.id,
                       current_user.role)
        abort(403)
    return None


class NotYours(NotFound):
    """An object that exists but is not the current user's to see: a 404 like any missing
    object, plus a warning in the log (user id and role, endpoint, object kind and id).

    :param kind: what the object is (``"application"``, ``"resume"``...).
    :param object_id: its database id; never a name, a token or other personal data.
    """

    def __init__(self, kind: str, object_id: int | str) -> None:
        super().__init__()
        self.kind = kind
        self.object_id = object_id


def log_not_yours(exc: NotYours) -> None:
    user_id = getattr(current_user, "id", None) if current_user else None
    role = getattr(current_user, "role", None) if current_user else None
    logger.warning("object refused: %s %s=%s for user %s (role %s)", request.endpoint, exc.kind,
                   exc.object_id, user_id, role)
