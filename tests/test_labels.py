"""Country names on the basemap: one label per country, inside it, named in English and Danish,
the largest first; the committed file is what its build makes; the map carries them compactly."""
from __future__ import annotations

import gzip
import json
import re
from functools import cache

import pytest
from shapely.geometry import Point, shape

from geo import COUNTRIES_FILE
from geo.labels import HEADER, LABELS_FILE, build_rows, country_labels, label_name, min_zoom
from partnermap.labels import labels_payload
from partnermap.mapbuilder import base_map
from partnermap.publish import AssetLinks
from partnerships.escape import js_json
from partnerships.settings import TYPES_FILE_NAME
from partnerships.vocabulary import load_vocabulary
from tests.conftest import SHIPPED

WORLD_VIEW = 2  # the zoom of the whole world on a laptop
PAYLOAD_GZIP_BYTES = 6000  # what the names may add to the page, gzipped


@cache
def world() -> dict:
    return json.loads(COUNTRIES_FILE.read_text(encoding="utf-8"))


@cache
def shapes_by_code() -> dict[str, list]:
    found: dict[str, list] = {}
    for feature in world()["features"]:
        code = feature["properties"]["iso_a2"] or {"Kosovo": "XK"}.get(feature["properties"]["name"])
        if code:
            found.setdefault(code, []).append(shape(feature["geometry"]))
    return found


def labels_by_code() -> dict:
    return {label.code: label for label in country_labels()}


def test_every_country_of_the_basemap_has_one_label():
    codes = [label.code for label in country_labels()]
    assert len(codes) == len(set(codes))
    assert set(codes) == set(shapes_by_code())


def test_shapes_with_no_code_but_kosovo_are_not_named():
    assert "XK" in labels_by_code()
    assert {label.name("en") for label in country_labels()}.isdisjoint({"Somaliland", "N. Cyprus", "Siachen Glacier"})


def test_each_label_point_lies_inside_its_country():
    outside = [label.code for label in country_labels()
               if not any(part.contains(Point(label.lon, label.lat)) for part in shapes_by_code()[label.code])]
    assert outside == []


def test_the_committed_file_is_what_the_build_makes():
    rows = LABELS_FILE.read_text(encoding="utf-8").splitlines()
    assert tuple(rows[0].split("\t")) == HEADER
    assert ["\t".join(row) for row in build_rows(world())] == rows[1:]
    assert build_rows(world()) == build_rows(world())


def test_labels_run_from_the_largest_country_and_few_show_on_the_world_view():
    zooms = [label.min_zoom for label in country_labels()]
    assert zooms == sorted(zooms)
    assert [label.code for label in country_labels()[:3]] == ["RU", "GL", "CA"]
    assert 15 <= sum(zoom <= WORLD_VIEW for zoom in zooms) <= 40
    assert labels_by_code()["DK"].min_zoom > WORLD_VIEW >= labels_by_code()["CN"].min_zoom


@pytest.mark.parametrize("radius, expected", [(0.0, 12.0), (12 / 256, 0.0), (12 / 256 / 4, 2.0), (1e-9, 12.0)])
def test_a_name_shows_from_the_zoom_its_country_is_wide_enough(radius, expected):
    assert min_zoom(radius) == expected


@pytest.mark.parametrize("code, english, danish, german", [
    ("DE", "Germany", "Tyskland", "Deutschland"), ("CN", "China", "Kina", "China"),
    ("US", "United States", "USA", "Vereinigte Staaten"), ("RU", "Russia", "Rusland", "Russland"),
    ("KR", "South Korea", "Sydkorea", "Südkorea"), ("KP", "North Korea", "Nordkorea", "Nordkorea"),
    ("GB", "United Kingdom", "Storbritannien", "Vereinigtes Königreich"), ("DK", "Denmark", "Danmark", "Dänemark"),
    ("CD", "DR Congo", "DR Congo", "DR Kongo"), ("TZ", "Tanzania", "Tanzania", "Tansania"),
    ("XK", "Kosovo", "Kosovo", "Kosovo"), ("GL", "Greenland", "Grønland", "Grönland"),
])
def test_names_are_the_short_ones_in_every_language(code, english, danish, german):
    assert [label_name(code, lang) for lang in ("en", "da", "de")] == [english, danish, german]


@pytest.mark.parametrize("lang", ["en", "da", "de"])
def test_no_name_is_inverted_or_qualified_as_iso_writes_some(lang):
    names = [label.name(lang) for label in country_labels()]
    assert [name for name in names if re.search(r"[,()]", name)] == []


def test_the_payload_is_parallel_compact_and_in_every_language():
    payload = labels_payload()
    count = len(country_labels())
    assert [len(payload[key]) for key in ("lat", "lon", "zoom")] == [count] * 3
    assert {lang: len(names) for lang, names in payload["names"].items()} == {"en": count, "da": count, "de": count}
    china, germany = payload["names"]["en"].index("China"), payload["names"]["en"].index("Germany")
    assert (payload["names"]["da"][china], payload["names"]["de"][germany]) == ("Kina", "Deutschland")
    assert len(gzip.compress(js_json(payload).encode("utf-8"))) < PAYLOAD_GZIP_BYTES


@pytest.mark.parametrize("lang", ["en", "da", "de"])
def test_the_base_map_names_the_countries_in_every_language(lang):
    vocabulary = load_vocabulary(SHIPPED / TYPES_FILE_NAME)
    html = base_map(vocabulary, AssetLinks((), (), "countries.geojson"), lang).get_root().render()
    call = re.search(r"PartnerMap\.countryLabels\(\w+, (.*), \"(\w+)\"\);", html)
    assert call is not None
    assert json.loads(call.group(1)) == labels_payload()
    assert call.group(2) == lang
