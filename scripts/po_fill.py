"""Fill a package's Chinese catalogue from a JSON mapping {msgid: msgstr}.

    python scripts/po_fill.py careers translations.json

A plural message takes a list of forms (Chinese has one).  Untranslated messages are
listed at the end so nothing is missed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po


def main(package: str, mapping_file: str) -> int:
    path = Path(package) / "translations" / "zh_Hans" / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as fh:
        catalog = read_po(fh, locale="zh_Hans")
    mapping = json.loads(Path(mapping_file).read_text(encoding="utf-8"))
    missing = []
    for message in catalog:
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        if key in mapping:
            value = mapping[key]
            message.string = tuple(value) if isinstance(message.id, tuple) else value
            message.flags.discard("fuzzy")
        elif not message.string or (isinstance(message.string, tuple) and not any(message.string)):
            missing.append(key)
    with path.open("wb") as fh:
        write_po(fh, catalog, width=120, sort_output=True, omit_header=False)
    for key in missing:
        print(f"untranslated: {key!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
