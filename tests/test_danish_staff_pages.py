"""Manage data and its History, locked and unlocked, speak only Danish on a Danish page: no
wording of the English catalog, none of Streamlit's or Leaflet's English, no stored record
("staff password", "uploaded …") shown as it was stored."""
from __future__ import annotations

import re

import pytest

from partnermap.mapbuilder import base_map
from partnermap.publish import AssetLinks
from partnerships.i18n import LANGUAGES, catalog
from tests.conftest import GOOD_ROWS, csv_text
from tests.test_manage_app import open_page, unlock, upload

# What the app's own code, Streamlit or Leaflet would say in English, beyond the catalog.
OTHER_ENGLISH = ("row", "Press Enter", "Zoom in", "Zoom out", "staff password", "unknown", "edited on Manage data",
                 "uploaded partners", "restored ", "version ")


def english_wordings() -> set[str]:
    """Every run of two words or more in an English wording that no Danish wording has: the
    English catalog's distinctive wordings, as they stand in the text (without the {fields}
    the app fills in, cut at punctuation)."""
    danish = " ".join(_forms(catalog("da").wordings.values())).lower()
    found = set()
    for wording in _forms(catalog("en").wordings.values()):
        for fragment in re.split(r"\{[^}]*\}", wording):
            for run in re.findall(r"[A-Za-z][A-Za-z']*(?: [A-Za-z][A-Za-z']*)+", fragment):
                if run.lower() not in danish:
                    found.add(run)
    return found


def _forms(values) -> list[str]:
    return [form for value in values for form in (value if isinstance(value, tuple) else (value,))]


def page_words(at) -> list[str]:
    """Every text a visitor reads on the page: messages, labels, options, tabs, table headers,
    the problem report's messages, and the tooltips and titles the map is given."""
    texts = [e.value for kind in ("markdown", "caption", "info", "warning", "error", "success", "title",
                                  "subheader", "header") for e in getattr(at, kind)]
    for kind in ("button", "text_input", "selectbox", "radio", "checkbox", "expander", "tabs"):
        texts += [str(getattr(e, "label", "")) for e in getattr(at, kind)]
    for kind in ("download_button", "file_uploader", "form"):
        texts += [str(getattr(e.proto, "label", "")) + str(getattr(e.proto, "help", "")) for e in at.get(kind)]
    for box in (*at.selectbox, *at.radio):
        texts += [str(option) for option in box.options]
    for frame in at.dataframe:
        value = frame.value
        texts += [str(column) for column in value.columns]
        if "problem" in value:
            texts += value["problem"].astype(str).tolist()
    texts += [_only(component.proto.json_args, "da") for component in at.get("component_instance")]
    texts += [grid.proto.columns for grid in (*at.dataframe, *at.data_editor)]  # the grids' column labels
    return texts


def _only(args: str, lang: str) -> str:
    """The map's arguments as a reader of `lang` meets them: its words in every language travel
    with the data once (`"en": {…}, "da": {…}`, inside the map's script), and the browser shows
    the page's; the other languages' objects are cut out."""
    others = "|".join(code for code in LANGUAGES if code != lang)
    while match := re.search(rf'(\\*")(?:{others})\1:\s*\{{', args):
        depth, end = 0, match.end() - 1
        for end in range(match.end() - 1, len(args)):
            depth += {"{": 1, "}": -1}.get(args[end], 0)
            if depth == 0:
                break
        args = args[:match.start()] + args[end + 1:]
    return args


def english_on(at) -> list[str]:
    wordings = english_wordings()
    shown = "\n".join(page_words(at))
    return sorted({word for word in wordings | set(OTHER_ENGLISH)
                   if re.search(rf"(?<![A-Za-z_]){re.escape(word)}(?![a-z_])", shown)})


def danish(at):
    at.radio(key="lang").set_value("da").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_the_list_of_english_wordings_is_the_catalog_s_distinctive_ones():
    wordings = english_wordings()
    assert "That password is not right" in " ".join(wordings) or any("password" in w for w in wordings)
    assert len(wordings) > 200 and not any(w in {"CSV UTF"} for w in wordings)


def test_the_locked_page_speaks_danish_and_the_password_form_needs_no_enter(data_path):
    at = danish(open_page())
    assert english_on(at) == [], english_on(at)
    assert [form.proto.form.enter_to_submit for form in at.get("form")] == [False]
    at.text_input[0].input("forkert")
    at.button[0].click().run()
    assert english_on(at) == [], english_on(at)


def test_manage_data_and_history_speak_danish_after_an_upload_and_a_save(data_path):
    at = unlock(danish(open_page()))
    assert english_on(at) == [], english_on(at)
    at = upload(at, csv_text(*GOOD_ROWS).encode())
    assert english_on(at) == [], english_on(at)
    at.button(key="upload_save").click().run()
    assert not at.exception
    assert english_on(at) == [], english_on(at)
    assert any("personalets adgangskode · partners.csv · partners.csv uploadet" in c.value.replace("\\", "")
               for c in at.caption), [c.value for c in at.caption]
    assert any("ukendt" in option for option in at.selectbox(key="manage_backup").options)


@pytest.mark.parametrize(("lang", "zoom_in", "zoom_out"), [("en", "Zoom in", "Zoom out"), ("da", "Zoom ind", "Zoom ud"),
                                                       ("de", "Vergrößern", "Verkleinern")])
def test_the_map_s_zoom_buttons_are_named_in_the_page_s_language(vocabulary, lang, zoom_in, zoom_out):
    html = base_map(vocabulary, AssetLinks(("/l.js",), ("/l.css",), "/c.geojson"), lang).get_root().render()
    assert f'"zoomInTitle":"{zoom_in}","zoomOutTitle":"{zoom_out}"' in html
    assert '"zoomControl": false' in html and html.count("L.control.zoom(") == 1
