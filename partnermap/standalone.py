"""One self-contained HTML file of the map: the presenter's safety net.

Every script, style, image, the basemap and the partners are inlined, so the file plays
from a USB stick in a hall with no network. The map is the same folium map the app shows,
built from the same pieces; only the links are replaced by their content.
"""
from __future__ import annotations

import base64
import json
import mimetypes
import re
from pathlib import Path

import folium
from branca.element import Element

from partnermap import publish
from partnermap.labels import labels_payload
from partnermap.mapbuilder import base_map, map_view, partner_layer, partner_payload, story_options
from partnerships.filtering import View, YearMode, default_year, year_range
from partnerships.i18n import DEFAULT_LANGUAGE
from partnerships.loading import Dataset
from partnerships.settings import current_year

_CSS_URL = re.compile(r"url\((['\"]?)(images/[^)'\"]+)\1\)")


def _script(text: str) -> str:
    """Script text that cannot end its <script> element early."""
    return text.replace("</", "<\\/")


def _css_with_inline_images(css: str, folder: Path) -> str:
    """Leaflet's stylesheet points at images beside it; a single file carries them as data."""
    def inline(match: re.Match) -> str:
        image = folder / match.group(2)
        if not image.is_file():
            return match.group(0)
        kind = mimetypes.guess_type(image.name)[0] or "application/octet-stream"
        return f"url(data:{kind};base64,{base64.b64encode(image.read_bytes()).decode()})"

    return _CSS_URL.sub(inline, css)


def _inline_assets(fmap: folium.Map) -> None:
    """The assets the app links to (`publish.SCRIPTS`, `publish.STYLES`), inlined in the same
    order; the map itself was given no links."""
    header = fmap.get_root().header
    for i, relative in enumerate(publish.STYLES):
        source = publish.SOURCES[relative]
        css = _css_with_inline_images(source.read_text(encoding="utf-8"), source.parent)
        header.add_child(Element(f"<style>{css}</style>"), name=f"pm_inline_css_{i}")
    for i, relative in enumerate(publish.SCRIPTS):
        code = _script(publish.SOURCES[relative].read_text(encoding="utf-8"))
        header.add_child(Element(f"<script>{code}</script>"), name=f"pm_inline_js_{i}")


def inline_basemap() -> dict:
    """Both tiers of the basemap as data (basemap.js draws the detail once zoomed in)."""
    return {"world": json.loads(publish.BASEMAP_WORLD_FILE.read_text(encoding="utf-8")),
            "detail": json.loads(publish.BASEMAP_DETAIL_FILE.read_text(encoding="utf-8")),
            "detailZoom": publish.DETAIL_ZOOM}


def opening_view(dataset: Dataset) -> View:
    """The view a file opens on when none is asked for: every type, active in the latest year
    the sources say something of (as the app opens), not a present they say nothing about."""
    years = year_range(dataset.known_years, current_year())
    year = max(default_year(dataset.known_years, current_year()), years[0])
    return View(tuple(dataset.vocabulary.names), year, YearMode.ACTIVE)


def standalone_html(dataset: Dataset, lang: str = DEFAULT_LANGUAGE, stops: list[dict] | None = None,
                    view: View | None = None) -> str:
    """The whole map as one HTML document, basemap and partners inlined, nothing fetched;
    with the timeline player and the tour, in presentation style. It opens on `view` (the one
    it was downloaded from), else on `opening_view`."""
    vocabulary = dataset.vocabulary
    links = publish.AssetLinks(scripts=(), styles=(), basemap=inline_basemap(), labels=labels_payload())
    years = year_range(dataset.known_years, current_year())
    fmap = base_map(vocabulary, links, lang, story=story_options(years, stops or [], lang, present=True))
    _inline_assets(fmap)
    view = view or opening_view(dataset)
    partner_layer(partner_payload(dataset.partners, vocabulary), map_view(view, vocabulary, lang)).add_to(fmap)
    fmap.get_root().header.add_child(Element("<style>html, body { margin: 0; height: 100%; }</style>"),
                                     name="pm_full_page")
    return fmap.get_root().render()
