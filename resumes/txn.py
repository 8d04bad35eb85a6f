"""Side effects tied to the outcome of the current database transaction.

``after_commit(fn)`` runs ``fn`` once the session's transaction has committed (enqueue a
parse job only for a row that really exists); ``after_rollback(fn)`` runs it if the
transaction is rolled back instead (remove a blob stored for a row that was never
written).  Together they give the write-then-commit ordering of uploads: nothing is left
half-saved whichever step fails.
"""

from __future__ import annotations

import logging
import typing as t

from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

from core.db import db

logger = logging.getLogger(__name__)

_COMMIT = "resumes.after_commit"
_ROLLBACK = "resumes.after_rollback"


def after_commit(fn: t.Callable[[], None]) -> None:
    db.session().info.setdefault(_COMMIT, []).append(fn)


def after_rollback(fn: t.Callable[[], None]) -> None:
    db.session().info.setdefault(_ROLLBACK, []).append(fn)


def _run(fns: list[t.Callable[[], None]], what: str) -> None:
    for fn in fns:
        try:
            fn()
        except Exception:  # noqa: BLE001 - one failed effect must not hide the others
            logger.exception("resumes %s effect failed", what)


@event.listens_for(Session, "after_commit")
def _on_commit(session: Session) -> None:
    fns = session.info.pop(_COMMIT, [])
    session.info.pop(_ROLLBACK, None)
    _run(fns, "after-commit")


@event.listens_for(Session, "after_soft_rollback")
def _on_rollback(session: Session, previous_transaction: SessionTransaction) -> None:
    if previous_transaction.parent is not None:  # an inner savepoint or subtransaction
        return
    fns = session.info.pop(_ROLLBACK, [])
    session.info.pop(_COMMIT, None)
    _run(fns, "after-rollback")
