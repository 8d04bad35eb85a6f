"""Session and mapper hooks of the privacy package (imported with its blueprint).

SQLite without AUTOINCREMENT gives a new row ``max(rowid) + 1``: after the newest account
was erased, the next sign-up would get the erased account's id, and with it the
suppression list entry (a restore would erase them) and the old audit trail.  On SQLite a
new account therefore starts above the highest erased id.  PostgreSQL sequences never
reuse ids.
"""

from __future__ import annotations

import typing as t

from sqlalchemy import event, func, select

from auth.models import User
from privacy.models import Suppression


@event.listens_for(User, "before_insert")
def _never_reuse_erased_ids(mapper: t.Any, connection: t.Any, target: User) -> None:
    if connection.dialect.name != "sqlite" or target.id is not None:
        return
    top = connection.execute(select(func.max(User.id))).scalar() or 0
    erased = connection.execute(select(func.max(Suppression.user_id))).scalar() or 0
    if erased >= top:
        target.id = erased + 1
