"""The site inbox (/me/inbox) and the unread count in the navigation."""

from __future__ import annotations

import typing as t

from flask import Blueprint, abort, g, redirect, render_template, url_for
from flask_babel import get_locale
from flask_login import current_user

from core.access import signed_in
from core.db import db
from notifications import operations as ops
from notifications.forms import MarkReadForm
from notifications.texts import render

bp = Blueprint("notifications", __name__)


@bp.app_context_processor
def inbox_count() -> dict[str, t.Any]:
    def unread() -> int:
        if not current_user or not current_user.is_authenticated:
            return 0
        if "inbox_unread" not in g:  # once per request, however often the page asks
            g.inbox_unread = ops.unread_count(current_user.id)
        return g.inbox_unread

    return {"inbox_unread": unread}


@bp.get("/me/inbox")
@signed_in
def inbox() -> t.Any:
    items = ops.inbox(current_user.id)
    locale = str(get_locale())
    return render_template("notifications/inbox.html", items=items, form=MarkReadForm(),
                           text=lambda n: render(n.kind, n.params, locale))


@bp.post("/me/inbox/read")
@signed_in
def mark_read() -> t.Any:
    if not MarkReadForm().validate_on_submit():
        abort(400)
    ops.mark_all_read(current_user.id)
    db.session.commit()
    return redirect(url_for("notifications.inbox"))
