"""The base map's controls for reading it at every scale: the inset of the home region and
the "show all" button, in the page's language, with home and the basemap's colours; and the
order their scripts load in (each uses only those before it)."""
from __future__ import annotations

import json
import re

import pytest

from partnermap import publish
from partnermap.labels import labels_payload
from partnermap.mapbuilder import base_map
from partnermap.publish import AssetLinks
from partnerships import settings, style

LINKS = AssetLinks(("/app/static/leaflet.js",), ("/app/static/leaflet.css",), "/app/static/c.json")


def _call(html: str, function: str) -> list:
    """The JSON arguments (after the map) of the one `PartnerMap.<function>(map, ...)` call."""
    calls = re.findall(rf"PartnerMap\.{function}\([^,]+, (.*?)\);", html)
    assert len(calls) == 1, calls
    return json.loads(f"[{calls[0]}]")


@pytest.mark.parametrize(("lang", "title", "button"), [
    ("en", "Around Sønderborg", "Show every partner in view"),
    ("da", "Omkring Sønderborg", "Vis alle partnere i visningen"),
])
def test_the_inset_and_show_all_speak_the_pages_language(vocabulary, lang, title, button):
    html = base_map(vocabulary, LINKS, lang).get_root().render()
    (inset,) = _call(html, "inset")
    home = settings.home()
    assert inset["title"] == title
    assert inset["home"] == {"lat": home.lat, "lon": home.lon}
    assert inset["color"] == style.HOME
    assert inset["basemap"] == {"ocean": style.OCEAN, "land": style.LAND, "border": style.BORDER}
    assert _call(html, "showAll") == [button]


def test_hostile_home_names_stay_inside_the_inset_title(vocabulary):
    hostile = settings.HomeCity(name='</script><script>alert(1)</script>', lat=1.0, lon=2.0)
    html = base_map(vocabulary, LINKS, "en", home=hostile).get_root().render()
    assert "<script>alert(1)" not in html


@pytest.mark.parametrize(("before", "after"), [
    ("shapes.js", "home.js"),  # home's label draws with the DOM helpers
    ("clusters.js", "camera.js"),
    ("camera.js", "layer.js"),  # the layer includes the camera
    ("layer.js", "page.js"),  # window.PartnerMap makes the layer
    ("page.js", "inset.js"),  # the inset registers itself on window.PartnerMap
    ("page.js", "story.js"),
])
def test_the_map_scripts_load_after_what_they_use(before, after):
    order = list(publish.MAP_SCRIPTS)
    assert order.index(before) < order.index(after)


def test_the_country_names_travel_as_a_file_of_their_own_not_in_every_rerun(vocabulary):
    """A rerun sends the base map's arguments whole: the names (10 kB) are a published file."""
    links = publish.served_links("/app/static/")
    html = base_map(vocabulary, links, "en").get_root().render()
    url, lang = _call(html, "countryLabels")
    assert url == links.labels and url.startswith("/app/static/") and lang == "en"
    published = publish.STATIC_DIR / url.removeprefix("/app/static/")
    assert json.loads(published.read_text(encoding="utf-8")) == labels_payload()
    assert len(html.encode()) < 8000  # the base map without the names


def test_a_map_without_published_files_carries_the_names_inline(vocabulary):
    (names, lang) = _call(base_map(vocabulary, LINKS, "da").get_root().render(), "countryLabels")
    assert names == labels_payload() and lang == "da"


@pytest.mark.parametrize("script", ["labels.js", "home.js", "inset.js"])
def test_what_keeps_clear_of_the_partners_asks_the_layer_what_it_occupies(script):
    """The layer's public `occupies()`, never its fields; boxes meet by the one rule of shapes.js."""
    code = (publish.ASSETS_DIR / script).read_text(encoding="utf-8")
    assert "occupies()" in code
    assert not re.search(r"layer\.(visible|made|markers)\b", code), f"{script} reads the partner layer's fields"
    assert not re.search(r"\.left\s*<\s*\w+\.right", code), f"{script} has its own rule for boxes that meet"
