"""The folium map: local assets only, one data layer, and nothing from the CSV unescaped."""
from __future__ import annotations

import json
import re

import pytest

from partnermap import publish
from partnermap.mapbuilder import DETAILS_PER_SLICE, base_map, map_view, partner_layer, partner_payload, type_legend
from partnermap.publish import AssetLinks
from partnerships import settings, style
from partnerships.filtering import View, YearMode
from partnerships.loading import load_bytes
from partnerships.vocabulary import PartnershipType, Vocabulary
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
    legend = json.loads(re.search(r"PartnerMap\.legend\([^,]+, (\"[^\"]*\"), (\[.*?\])\);", html).group(2))
    assert [entry["name"] for entry in legend] == vocabulary.names
    assert legend[0]["label"] == "Venskabsby"
    assert len({entry["color"] for entry in legend}) == len(vocabulary.names)


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


def test_payload_carries_both_languages(vocabulary, partners):
    payload = partner_payload(partners, vocabulary)
    details = payload["details"]["slices"][0]
    assert details["desc_da"][0] == "Venskabsby siden 2011"
    assert details["country_da"][:3] == ["Kina", "Kina", "Tyskland"]
    assert details["country"][:3] == ["China", "China", "Germany"]
    assert payload["labels"]["da"]["since"] == "siden {start}"
    assert payload["types"][0]["label"] == {"en": "Friendship city", "da": "Venskabsby"}


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

SCRIPT = publish.SOURCES["map/partner_map.js"]


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


def test_the_map_script_can_draw_every_shape():
    script = open(SCRIPT, encoding="utf-8").read()
    outlines = script[script.index("var shapes = {"):script.index("};", script.index("var shapes = {"))]
    assert style.SHAPES[0] == "circle"  # Leaflet's own circle; the rest are outlines in the script
    for shape in style.SHAPES[1:]:
        assert re.search(rf'^\s*"?{re.escape(shape)}"?:', outlines, re.MULTILINE), f"{shape} not drawn by the script"


def test_legend_and_payload_carry_each_types_shape_and_colour(vocabulary, partners):
    looks = style.type_styles(vocabulary)
    html = _render(base_map(vocabulary, LINKS, "en"))
    legend = json.loads(re.search(r"PartnerMap\.legend\([^,]+, (\"[^\"]*\"), (\[.*?\])\);", html).group(2))
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
