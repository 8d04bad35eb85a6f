"""Which language a request gets when it has not chosen one."""

from __future__ import annotations

import typing as t


def locale_from_accept_languages(accept_languages: t.Any) -> str:
    """The browser's ``Accept-Language``, else Chinese (the site's default)."""
    best = accept_languages.best_match(["zh_Hans", "zh", "zh-CN", "zh-Hans", "en"])
    if best and best.startswith("zh"):
        return "zh_Hans"
    if best == "en":
        return "en"
    return "zh_Hans"
