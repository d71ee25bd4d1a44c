"""The folium map: local assets only, one data layer, and nothing from the CSV unescaped; the
rules the browser applies for Python, case by case (the browser side: tests/browser/test_rules.py)."""
from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from partnermap import publish
from partnermap.mapbuilder import (
    DETAILS_PER_SLICE, base_map, map_view, partner_layer, partner_payload, type_legend, type_looks,
)
from partnermap.publish import AssetLinks
from partnerships import settings, style
from partnerships.escape import safe_url
from partnerships.filtering import View, YearMode, in_view, status_unknown
from partnerships.loading import load_bytes
from partnerships.schema import CONFIRMED, END_YEAR, ID, START_YEAR, TYPE
from partnerships.vocabulary import PartnershipType, Vocabulary
from tests.browser import rule_cases
from tests.conftest import GOOD_ROWS, HEADER, csv_text

LINKS = AssetLinks(("/app/static/leaflet.js", "/app/static/pm.js"), ("/app/static/leaflet.css",), "/app/static/c.geojson")
HOSTILE_NAME = '</script><script>window.pwned=1</script><img src=x onerror="window.pwned=2">'


@pytest.fixture
def partners(vocabulary):
    hostile = f'evil,"{HOSTILE_NAME.replace(chr(34), chr(34) * 2)}",NGO partnership,Rio,BR,-22.9,-43.2,2015,,"<b>bold</b> {{{{\'x\'}}}}",'
    dataset = load_bytes(csv_text(*GOOD_ROWS, hostile, header=HEADER + ",description_da").replace(
        "Friendship city since 2011.,", "Friendship city since 2011.,,Venskabsby siden 2011").encode(), vocabulary)
    assert dataset.errors == [], dataset.problems
    partners = dataset.partners.copy()
    partners.loc[partners["id"] == "evil", "url"] = "javascript:alert(1)"  # as if validation were skipped
    return partners


def _render(fmap) -> str:
    return fmap.get_root().render()


def test_base_map_loads_only_local_assets_and_no_tiles(vocabulary):
    html = _render(base_map(vocabulary, LINKS, "en"))
    sources = re.findall(r'<script[^>]*\bsrc="([^"]+)"', html) + re.findall(r'<link[^>]*\bhref="([^"]+)"', html)
    assert sources and all(src.startswith("/app/static/") for src in sources)
    assert "tile.openstreetmap" not in html and "cdn." not in html
    assert 'PartnerMap.basemap(' in html and '"/app/static/c.geojson"' in html


def test_legend_lists_every_type_with_its_colour(vocabulary):
    html = _render(base_map(vocabulary, LINKS, "da"))
    legend = json.loads(re.search(r"PartnerMap\.legend\([^,]+, (\"[^\"]*\"), (\[.*?\]), \"[^\"]*\"\);", html).group(2))
    assert [entry["name"] for entry in legend] == vocabulary.names
    assert legend[0]["label"] == "Venskabsby"
    assert len({entry["color"] for entry in legend}) == len(vocabulary.names)
    assert "Hul, stiplet: ikke bekræftet det år" in html  # what a hollow marker means


def _map_with_partners(vocabulary, partners) -> str:
    fmap = base_map(vocabulary, LINKS, "en")
    view = map_view(View(tuple(vocabulary.names), 2026, YearMode.ACTIVE), vocabulary, "en")
    partner_layer(partner_payload(partners, vocabulary), view).add_to(fmap)
    return _render(fmap)


def test_all_partners_travel_in_one_layer(vocabulary, partners):
    html = _map_with_partners(vocabulary, partners)
    assert html.count("PartnerMap.partners(") == 1
    assert "L.marker(" not in html and "L.polyline(" not in html


def test_a_published_payload_is_named_by_url_and_the_view_is_small(vocabulary):
    view = map_view(View(("Climate network", "Friendship city"), 2012, YearMode.BEGUN), vocabulary, "da")
    fmap = base_map(vocabulary, LINKS, "da")
    partner_layer("/app/static/data/partners-0123.json", view).add_to(fmap)
    call = re.search(r"PartnerMap\.partners\([^,]+, [^,]+, (\"[^\"]+\"), (\{.*\})\);", _render(fmap))
    assert json.loads(call.group(1)) == "/app/static/data/partners-0123.json"
    assert json.loads(call.group(2)) == {"types": [2, 0], "year": 2012, "mode": "begun", "lang": "da", "selected": None}


def test_payload_is_column_wise_and_complete(vocabulary, partners):
    payload = partner_payload(partners, vocabulary)
    facts, details = payload["partners"], payload["details"]
    assert facts["id"] == ["baoding", "haiyan", "flensburg", "evil"]
    assert set(facts) == {"id", "name", "type", "lat", "lon", "start", "end"}  # what the map draws with
    assert all(len(column) == 4 for column in facts.values())
    assert facts["type"][0] == vocabulary.names.index("Friendship city")
    assert facts["start"] == [2010, 2013, 2007, 2015]
    assert facts["end"] == [None, None, 2015, None]
    assert details["size"] == DETAILS_PER_SLICE and len(details["slices"]) == 1
    assert details["slices"][0]["url"] == ["", "https://example.org/haiyan", "", ""]  # javascript: never leaves


def test_details_travel_in_slices_in_row_order(vocabulary, partners, monkeypatch):
    monkeypatch.setattr("partnermap.mapbuilder.DETAILS_PER_SLICE", 3)
    details = partner_payload(partners, vocabulary)["details"]
    assert details["size"] == 3
    assert [part["city"] for part in details["slices"]] == [partners["city"].tolist()[:3], partners["city"].tolist()[3:]]


def test_payload_carries_every_language(vocabulary, partners):
    payload = partner_payload(partners, vocabulary)
    details = payload["details"]["slices"][0]
    assert details["desc_da"][0] == "Venskabsby siden 2011"
    assert details["country_da"][:3] == ["Kina", "Kina", "Tyskland"]
    assert details["country"][:3] == ["China", "China", "Germany"]
    assert details["country_de"][:3] == ["China", "China", "Deutschland"]
    assert "desc_de" not in details  # a language the data has no text in travels no column
    assert payload["labels"]["da"]["since"] == "siden {start}"
    assert payload["types"][0]["label"] == {"en": "Friendship city", "da": "Venskabsby", "de": "Freundschaftsstadt"}


def test_empty_payload_is_still_well_formed(vocabulary, partners):
    payload = partner_payload(partners.iloc[0:0], vocabulary)
    assert payload["partners"]["id"] == [] and payload["details"]["slices"] == []


def test_hostile_text_cannot_break_out_of_the_script(vocabulary, partners):
    html = _map_with_partners(vocabulary, partners)
    assert "<img src=x" not in html
    assert "window.pwned=1</script>" not in html
    assert "<b>bold</b>" not in html and "{{'x'}}" not in html
    call = re.search(r"PartnerMap\.partners\([^,]+, [^,]+, (\{.*\}), \{\"types\"", html).group(1)
    assert json.loads(call)["partners"]["name"][3] == HOSTILE_NAME


# --- colour is never the only sign of a type (WCAG 1.4.1) -----------------------------------

def test_every_type_has_its_own_shape_and_colour(vocabulary):
    looks = style.type_styles(vocabulary)
    assert list(looks) == vocabulary.names
    assert len({look.shape for look in looks.values()}) == len(vocabulary.names)
    assert len({look.color for look in looks.values()}) == len(vocabulary.names)
    assert all(look.shape in style.SHAPES for look in looks.values())
    # In the types file's order, beside the colours, which stay as they were.
    assert [look.shape for look in looks.values()] == list(style.SHAPES[:len(vocabulary.names)])
    assert style.type_colors(vocabulary) == {name: look.color for name, look in looks.items()}
    assert style.type_colors(vocabulary)[vocabulary.names[0]] == style.PALETTE[0]


def test_shapes_and_colours_are_distinct_in_pairs_beyond_eight_types():
    many = Vocabulary(tuple(PartnershipType(f"Type {i}", "") for i in range(40)))
    looks = list(style.type_styles(many).values())
    assert len({(look.color, look.shape) for look in looks}) == len(looks)
    assert len({look.shape for look in looks[:len(style.SHAPES)]}) == len(style.SHAPES)


def test_every_shape_is_drawn_from_the_outlines_in_style(vocabulary, partners):
    """The browser has no shape math of its own: each type's outline travels with it."""
    assert style.SHAPES[0] == "circle" and set(style.OUTLINES) == set(style.SHAPES[1:])
    for look in type_looks(Vocabulary(tuple(PartnershipType(f"Type {i}", "") for i in range(len(style.SHAPES))))):
        outline = style.OUTLINES.get(look["shape"])
        assert look["outline"] == (None if outline is None else
                                   {"points": [list(point) for point in outline.points], "reach": outline.reach})
    assert [t["outline"] for t in partner_payload(partners, vocabulary)["types"]] == \
        [entry["outline"] for entry in type_legend(vocabulary, "en")]


def test_legend_and_payload_carry_each_types_shape_and_colour(vocabulary, partners):
    looks = style.type_styles(vocabulary)
    html = _render(base_map(vocabulary, LINKS, "en"))
    legend = json.loads(re.search(r"PartnerMap\.legend\([^,]+, (\"[^\"]*\"), (\[.*?\]), \"[^\"]*\"\);", html).group(2))
    assert legend == type_legend(vocabulary, "en")
    assert [(e["name"], e["color"], e["shape"]) for e in legend] == [(n, s.color, s.shape) for n, s in looks.items()]
    types = partner_payload(partners, vocabulary)["types"]
    assert [(e["name"], e["color"], e["shape"]) for e in types] == [(n, s.color, s.shape) for n, s in looks.items()]
    assert len({e["shape"] for e in types}) == len(types)


@pytest.mark.parametrize("lang", ["en", "da"])
def test_the_map_is_named_for_assistive_technology(vocabulary, lang):
    html = _render(base_map(vocabulary, LINKS, lang))
    call = re.search(r"PartnerMap\.basemap\([^,]+, (\"[^\"]+\"), (\{.*?\}), (\"[^\"]*\")\);", html)
    assert call, "PartnerMap.basemap(map, source, style, label) not found"
    assert json.loads(call.group(3)) == settings.home().title(lang)


# --- the map's scripts ------------------------------------------------------------------------

OUR_SCRIPTS = [publish.SOURCES[f"map/{name}"] for name in publish.MAP_SCRIPTS]


def test_the_map_declares_its_scripts_and_styles_in_order(vocabulary):
    """The preload first, then every script in one file and every style in one (publish.py)."""
    links = publish.served_links("/app/static/")
    html = _render(base_map(vocabulary, links, "en"))
    scripts = re.findall(r'<script[^>]*\bsrc="([^"]+)"', html)
    styles = re.findall(r'<link[^>]*\bhref="([^"]+)"', html)
    assert scripts == list(links.scripts) and len(scripts) == 2
    assert scripts[0].startswith("data:text/javascript,") and scripts[1].startswith("/app/static/map/partnermap-")
    assert styles == list(links.styles) and len(styles) == 1


@pytest.mark.parametrize("script", OUR_SCRIPTS, ids=lambda path: path.name)
def test_each_script_uses_leaflet_s_public_api_only(script):
    """Nothing of Leaflet's (or the cluster library's) that starts with `_`: read, set or overridden."""
    text = script.read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", text, flags=re.DOTALL)  # comments may name private members
    private = re.findall(r".{0,20}\._\w+", code)
    assert not private, f"{script.name} reaches a private member: {private}"
    assert not re.search(r"(?m)^\s*_\w+\s*:", code), f"{script.name} defines or overrides a private member"
    assert not re.search(r"(?m)^  var state\b", code), "no module-level state: the layer owns its state"


def test_no_script_of_ours_computes_shapes():
    for script in OUR_SCRIPTS:
        code = script.read_text(encoding="utf-8")
        assert "Math.PI / Math.abs" not in code and "function regular" not in code and "function star" not in code


# --- the rules the browser applies for Python: one table of cases, both sides ----------------

def _partners_frame() -> pd.DataFrame:
    rows = rule_cases.PARTNERS
    return pd.DataFrame({ID: [r[0] for r in rows], TYPE: [r[1] for r in rows],
                         START_YEAR: pd.array([r[2] for r in rows], dtype="Int64"),
                         END_YEAR: pd.array([r[3] for r in rows], dtype="Int64")})


@pytest.mark.parametrize("case", rule_cases.VIEWS, ids=[case[0] for case in rule_cases.VIEWS])
def test_which_partners_a_view_shows(case):
    _, types, year, mode, expected = case
    partners = _partners_frame()
    shown = partners[in_view(partners, View(tuple(types), year, YearMode(mode)))]
    assert shown[ID].tolist() == expected


@pytest.mark.parametrize("case", rule_cases.DOUBTS, ids=[case[0] for case in rule_cases.DOUBTS])
def test_what_nobody_confirms(case):
    _, start, end, confirmed, year, expected = case
    partners = pd.DataFrame({START_YEAR: pd.array([start], dtype="Int64"), END_YEAR: pd.array([end], dtype="Int64"),
                             CONFIRMED: pd.array([confirmed], dtype="Int64")})
    doubt = "year" if partners[START_YEAR].isna()[0] else "status" if status_unknown(partners, year)[0] else ""
    assert doubt == expected


def test_the_browser_gets_the_view_as_type_indices():
    vocabulary = Vocabulary(tuple(PartnershipType(name, "") for name in rule_cases.TYPES))
    view = map_view(View(("Research partnership", "Friendship city"), 2010, YearMode.BEGUN), vocabulary, "da")
    assert view == {"types": [2, 0], "year": 2010, "mode": "begun", "lang": "da", "selected": None}


@pytest.mark.parametrize("case", rule_cases.URLS, ids=[case[0] for case in rule_cases.URLS])
def test_which_links_are_followed(case):
    _, value, expected = case
    assert safe_url(value) == expected


def test_danish_names_and_places_travel_only_when_the_data_has_them(vocabulary, partners):
    assert "name_da" not in partner_payload(partners, vocabulary)["partners"]
    danish = partners.assign(name_da=["Baoding by", "", None, ""], city_da=["", "", "Flensborg", ""])
    payload = partner_payload(danish, vocabulary)
    assert payload["partners"]["name_da"] == ["Baoding by", "", "", ""]  # the browser falls back to `name`
    assert payload["details"]["slices"][0]["city_da"] == ["", "", "Flensborg", ""]


def test_the_scale_bar_shows_kilometres_only(vocabulary):
    html = _render(base_map(vocabulary, LINKS, "en"))
    assert "L.control.scale({metric: true, imperial: false, maxWidth: 140})" in html
    assert "L.control.scale()" not in html  # folium's, with miles


def test_the_tour_button_names_its_keys():
    from partnermap.mapbuilder import story_options
    labels = story_options((2007, 2013), [], "da", present=True)["labels"]
    assert labels["tour"].startswith("Rundtur")
    assert all(key in labels["tour_help"] for key in ("PageDown", "PageUp", "Esc"))
