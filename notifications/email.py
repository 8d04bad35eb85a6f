"""Outgoing email: ``EMAIL_BACKEND`` = console (default), memory (tests) or smtp.

SMTP settings: ``SMTP_HOST``, ``SMTP_PORT``, ``SMTP_USER``, ``SMTP_PASSWORD``,
``SMTP_STARTTLS``, ``SMTP_TIMEOUT``; the sender is ``EMAIL_FROM``.
"""

from __future__ import annotations

import dataclasses
import logging
import smtplib
import typing as t
from email.message import EmailMessage

from flask import current_app

logger = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class Email:
    to: str
    subject: str
    body: str


class EmailBackend(t.Protocol):
    def send(self, message: Email) -> None: ...


class ConsoleEmail:
    """Development: print the message to the console (never to the log files)."""

    def send(self, message: Email) -> None:
        print(f"--- email ---\nSubject: {message.subject}\n\n{message.body}\n-------------")  # noqa: T201


class MemoryEmail:
    """Tests: keep the messages in ``app.extensions["email_outbox"]``."""

    def send(self, message: Email) -> None:
        current_app.extensions.setdefault("email_outbox", []).append(message)


class SMTPEmail:
    def __init__(self, config: t.Mapping[str, t.Any]) -> None:
        self.config = config

    def send(self, message: Email) -> None:
        c = self.config
        msg = EmailMessage()
        msg["From"] = c.get("EMAIL_FROM") or "careers@localhost"
        msg["To"] = message.to
        msg["Subject"] = message.subject
        msg.set_content(message.body)
        with smtplib.SMTP(c.get("SMTP_HOST") or "127.0.0.1", int(c.get("SMTP_PORT") or 25),
                          timeout=float(c.get("SMTP_TIMEOUT") or 10)) as smtp:
            if c.get("SMTP_STARTTLS"):
                smtp.starttls()
            if c.get("SMTP_USER"):
                smtp.login(c["SMTP_USER"], c.get("SMTP_PASSWORD") or "")
            smtp.send_message(msg)


def backend() -> EmailBackend:
    name = (current_app.config.get("EMAIL_BACKEND") or "console").lower()
    if name == "memory":
        return MemoryEmail()
    if name == "smtp":
        return SMTPEmail(current_app.config)
    return ConsoleEmail()


def send_email(message: Email) -> None:
    backend().send(message)
