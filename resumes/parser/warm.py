"""Imported by the sandbox's fork server: load what every child would otherwise load again.

pdfminer.six keeps CMaps in class-level caches; children forked from a server that has
already loaded the common Chinese ones skip reading those JSON files on every parse.
"""

from __future__ import annotations

import contextlib

import pdfminer.high_level  # noqa: F401 - imported for its side effect (module loading)
from pdfminer.cmapdb import CMapDB

for _name in ("UniGB-UCS2-H", "UniGB-UTF16-H", "GBK-EUC-H", "Adobe-GB1-UCS2"):
    with contextlib.suppress(Exception):
        CMapDB.get_cmap(_name)
for _collection in ("Adobe-GB1", "Adobe-CNS1"):
    with contextlib.suppress(Exception):
        CMapDB.get_unicode_map(_collection, False)
