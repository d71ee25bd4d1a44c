"""What a saved version records (who saved it, how) in the reader's language.

The stores keep these records in one wording, the contract's ("staff password", "uploaded
partners.csv", "restored …", "unknown"), so the history and its CSV stay the same whoever reads
them; a page words them in its own language. Anything else (an e-mail address, a note given on
the command line) is shown as it was written.
"""
from __future__ import annotations

import re

from partnerships.i18n import t

# (the record as stored, as a pattern; the catalog key that words it, with the pattern's groups)
RECORDS = (
    (r"unknown", "record_unknown"),
    (r"staff password", "record_staff_password"),
    (r"command line \((?P<user>.+)\)", "record_command_line_user"),
    (r"command line", "record_command_line"),
    (r"edited on Manage data", "record_edited"),
    (r"places chosen on Manage data", "record_places_chosen"),
    (r"uploaded (?P<name>.+)", "record_uploaded"),
    (r"imported (?P<name>.+)", "record_imported"),
    (r"restored version (?P<version>.+)", "record_restored_version"),
    (r"restored (?P<version>.+)", "record_restored"),
    (r"version (?P<version>[0-9]+)", "record_version"),
)
_COMPILED = tuple((re.compile(pattern, re.DOTALL), key) for pattern, key in RECORDS)


def record_text(text: str, lang: str) -> str:
    """A stored record (saved by, note, version name) as the reader of `lang` reads it."""
    for pattern, key in _COMPILED:
        match = pattern.fullmatch(text)
        if match:
            return t(key, lang, **match.groupdict())
    return text
