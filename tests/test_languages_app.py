"""Each page in each language shows words from that language's catalog only.

Every wording of the other catalogs is cut at its {fields} into literal pieces; a piece long
enough to mean something, and found in no wording of the page's own catalog, must not appear
anywhere on the page (titles, labels, captions, metrics, tables, messages). The map component
is left out: its payload carries every language on purpose, so a change of language needs no
new map (the browser tests read the map itself).
"""
from __future__ import annotations

import re

import pytest
from google.protobuf.text_format import MessageToString
from streamlit.testing.v1 import AppTest

from partnerships.i18n import LANGUAGES, catalog
from partnerships.settings import ROOT

PAGES = ("views/home.py", "views/partners.py", "views/charts.py", "views/timeline.py", "views/manage.py")
MIN_PIECE = 12  # characters: shorter pieces ("Status", "NGO") are shared by languages honestly


def _pieces(wording: str | tuple[str, ...]) -> set[str]:
    forms = wording if isinstance(wording, tuple) else (wording,)
    return {piece.strip(" .,;:·()") for form in forms for piece in re.split(r"\{[^}]*\}", form)}


def foreign_pieces(lang: str) -> set[str]:
    """What another catalog says that this one never does."""
    own = " ".join(" ".join(w) if isinstance(w, tuple) else w for w in catalog(lang).wordings.values())
    found = set()
    for other in LANGUAGES:
        if other == lang:
            continue
        for wording in catalog(other).wordings.values():
            found |= {piece for piece in _pieces(wording) if len(piece) >= MIN_PIECE and piece not in own}
    return found


def shown_text(at: AppTest) -> str:
    """Everything the page's elements say, but the map component's payload."""
    parts: list[str] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None and getattr(node, "type", "") != "component_instance":
            parts.append(MessageToString(proto, as_utf8=True))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return "\n".join(parts)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_speaks_its_language_only(lang):
    pieces = foreign_pieces(lang)
    assert pieces, "the catalogs say nothing apart"
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params.update({"lang": lang})
    at.run()
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception
        text = shown_text(at)
        assert not [piece for piece in pieces if piece in text], (page, [piece for piece in pieces if piece in text])
    present = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    present.query_params.update({"lang": lang, "mode": "present"})
    present.run()
    text = shown_text(present)
    assert not [piece for piece in pieces if piece in text]
