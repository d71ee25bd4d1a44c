"""The map as one file: every script and style inlined in the order the app links them, nothing
fetched, the data inside. (That it plays from disk: tests/browser/test_presenting.py.)"""
from __future__ import annotations

import json
import re

from partnermap import publish
from partnermap.standalone import standalone_html
from partnerships.loading import load_bytes
from tests.conftest import GOOD_ROWS, csv_text


def test_every_script_and_style_is_inlined_in_order(vocabulary):
    html = standalone_html(load_bytes(csv_text(*GOOD_ROWS).encode(), vocabulary), "da")
    assert not re.search(r"<script[^>]*\bsrc=", html) and not re.search(r"<link[^>]*\bhref=", html)
    found = [html.index(publish.SOURCES[relative].read_text(encoding="utf-8").replace("</", "<\\/")[:200])
             for relative in publish.SCRIPTS]
    assert found == sorted(found), "a script comes before one it needs"
    assert "PartnerClusterIndex" in html and ".leaflet-marker-icon" in html and ".pm-cluster" in html  # index and CSS
    assert "url(images/" not in html  # Leaflet's images travel as data
    assert len(re.findall(r"PartnerMap\.partners\(map_", html)) == 1 and re.search(r"PartnerMap\.story\(map_", html)


def test_both_tiers_of_the_basemap_travel_inside(vocabulary):
    html = standalone_html(load_bytes(csv_text(*GOOD_ROWS).encode(), vocabulary), "en")
    call = re.search(r"PartnerMap\.basemap\([^,]+, (\{.*?\}), \{\"ocean\"", html)
    assert call, "PartnerMap.basemap(map, source, style, label) not found"
    source = json.loads(call.group(1))
    assert source["detailZoom"] == publish.DETAIL_ZOOM
    assert source["world"] == json.loads(publish.BASEMAP_WORLD_FILE.read_text(encoding="utf-8"))
    assert source["detail"] == json.loads(publish.BASEMAP_DETAIL_FILE.read_text(encoding="utf-8"))


def _opening(html: str) -> dict:
    return json.loads(re.search(r"PartnerMap\.partners\([^{]+\{.*\}, (\{\"types\".*?\})\);", html).group(1))


def test_the_file_opens_on_the_view_it_was_made_from(vocabulary):
    from partnerships.filtering import View, YearMode

    dataset = load_bytes(csv_text(*GOOD_ROWS).encode(), vocabulary)
    view = View(("Friendship city", "Cross-border cooperation"), 2011, YearMode.BEGUN)
    opened = _opening(standalone_html(dataset, "da", view=view))
    assert (opened["types"], opened["year"], opened["mode"], opened["lang"]) == ([0, 1], 2011, "begun", "da")


def test_with_no_view_asked_it_opens_where_the_sources_speak_not_on_this_year(tmp_path, capsys):
    from cli.main import main

    out = tmp_path / "map.html"
    assert main(["export-map", str(out), "--lang", "de"]) == 0
    opened = _opening(out.read_text(encoding="utf-8"))
    assert opened["year"] == 2014 and opened["lang"] == "de" and len(opened["types"]) == 6  # confirmed to 2014
    assert main(["export-map", str(out), "--year", "2010", "--types", "Venskabsby", "--show", "begun"]) == 0
    opened = _opening(out.read_text(encoding="utf-8"))
    assert (opened["types"], opened["year"], opened["mode"]) == ([0], 2010, "begun")
