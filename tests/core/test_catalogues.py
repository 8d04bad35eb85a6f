"""The packages' Chinese catalogues are merged into one at run time (``TRANSLATION_DIRECTORIES``,
later ones win): a message id translated differently by two packages would show one
package's wording on the other's pages (a stage "Applied" shown as the column "投递时间")."""

from __future__ import annotations

import collections
import typing as t
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from core.app import TRANSLATION_DIRECTORIES

ROOT = Path(__file__).resolve().parents[2]


def _catalogues() -> dict[str, t.Any]:
    out = {}
    for directory in TRANSLATION_DIRECTORIES:
        path = ROOT / directory / "zh_Hans" / "LC_MESSAGES" / "messages.po"
        with path.open("rb") as fh:
            out[directory.split("/")[0]] = read_po(fh, locale="zh_Hans")
    return out


@pytest.mark.no_db
def test_no_message_is_translated_two_ways_across_packages():
    seen: dict[tuple[str, str | None], dict[str, str]] = collections.defaultdict(dict)
    for package, catalogue in _catalogues().items():
        for message in catalogue:
            if not message.id or not message.string:
                continue
            key = message.id if isinstance(message.id, str) else message.id[0]
            value = message.string if isinstance(message.string, str) else message.string[0]
            seen[(key, message.context)][package] = value
    conflicts = {key: by_package for key, by_package in seen.items() if len(set(by_package.values())) > 1}
    assert conflicts == {}, "give these messages one translation, or distinct ids: " + repr(conflicts)


@pytest.mark.no_db
def test_every_message_of_every_catalogue_is_translated():
    missing = {package: [m.id for m in catalogue if m.id and not m.string]
               for package, catalogue in _catalogues().items()}
    assert {package: ids for package, ids in missing.items() if ids} == {}
