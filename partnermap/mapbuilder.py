"""Build the folium map: a fixed base (countries, home, legend) and one partner layer.

The base map never changes while someone filters, so streamlit-folium keeps it mounted; a
filter change only swaps the partner layer (`feature_group_to_add`). Every partner travels
once per data version as one compact, column-wise JSON payload that the browser caches;
after that a filter change sends only the view (types, year, mode, language) and the map's
Leaflet layer (`assets/layer.js`) filters and draws in the browser, by the same rules as
Python (`assets/rules.js`). No folium object per partner, and no text from the data outside
the escaping in `partnerships.escape`. The map declares its own scripts and styles, all
served locally (`partnermap.publish`).
"""
from __future__ import annotations

import folium
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from partnermap.labels import labels_payload
from partnermap.publish import AssetLinks
from partnerships import settings, style
from partnerships.columns import CONFIRMED, country_name_column, in_language
from partnerships.escape import js_json, safe_url
from partnerships.filtering import View
from partnerships.i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from partnerships.schema import CITY, COUNTRY_NAME, DESCRIPTION, END_YEAR, ID, LAT, LON, NAME, START_YEAR, TYPE, URL
from partnerships.settings import HomeCity
from partnerships.vocabulary import Vocabulary

COORDINATE_DECIMALS = 5  # about a metre
MIN_ZOOM, MAX_ZOOM = 0.5, 14  # the whole world, 362 px wide, on a phone too; a town's streets
# The scale bar's longest (px): Leaflet draws it at least half as long, room for its label.
SCALE_MAX_WIDTH = 140
# A popup fetches the details of this many partners at once: about 230 kB (50 kB gzipped)
# of generated data, a moment on a slow line; the seed data is one slice.
DETAILS_PER_SLICE = 1000
# Words the map's script shows, in every language (partnerships/i18n.py).
MAP_LABELS = ("since", "year_unknown", "since_confirmed", "website", "details_unavailable", "cluster_count",
              "cluster_more", "map_empty", "sources_as_of")


class MapCall(MacroElement):
    """One call into `window.PartnerMap`, its arguments inlined as escaped JSON.

    Added to a map, it receives the map; added to a feature group, the map and the group.
    """

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "PartnerMap.{{ this.function }}("
        "{% if this.in_group %}{{ this._parent._parent.get_name() }}, {% endif %}"
        "{{ this._parent.get_name() }}{% for arg in this.arguments %}, {{ arg }}{% endfor %});"
        "{% endmacro %}"
    )

    def __init__(self, function: str, *arguments: object, in_group: bool = False):
        super().__init__()
        self._name = f"PartnerMap_{function}"
        self.function = function
        self.arguments = [js_json(argument) for argument in arguments]
        self.in_group = in_group


class ScaleBar(MacroElement):
    """Leaflet's scale bar in kilometres only (folium's `control_scale` adds miles beside them)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "L.control.scale({metric: true, imperial: false, maxWidth: {{ this.max_width }}})"
        ".addTo({{ this._parent.get_name() }});"
        "{% endmacro %}"
    )

    def __init__(self):
        super().__init__()
        self._name = "ScaleBar"
        self.max_width = SCALE_MAX_WIDTH


class ZoomButtons(MacroElement):
    """Leaflet's zoom buttons with their tooltips and names in the page's language (Leaflet's
    own are English); the map is made without its default ones (`zoom_control=False`)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "L.control.zoom({{ this.options }}).addTo({{ this._parent.get_name() }});"
        "{% endmacro %}"
    )

    def __init__(self, lang: str):
        super().__init__()
        self._name = "ZoomButtons"
        self.options = js_json({"position": "topleft", "zoomInTitle": t("zoom_in", lang),
                                "zoomOutTitle": t("zoom_out", lang)})


class LocalMap(folium.Map):
    """A folium map whose scripts and styles are ours, from `links` and in their order (Leaflet,
    then the map's own), instead of folium's links to CDNs. An element
    declares its own assets (folium's `JSCSSMixin`), so nothing patches the map afterwards; a
    self-contained file passes no links and inlines the assets itself."""

    def __init__(self, links: AssetLinks, **options):
        super().__init__(**options)
        self.default_js = [(f"pm_js_{i}", url) for i, url in enumerate(links.scripts)]
        self.default_css = [(f"pm_css_{i}", url) for i, url in enumerate(links.styles)]


def _outline(shape: str) -> dict | None:
    """A shape's outline as the browser draws it (partnerships/style.py); None for the circle."""
    outline = style.OUTLINES.get(shape)
    return None if outline is None else {"points": [list(point) for point in outline.points], "reach": outline.reach}


def type_looks(vocabulary: Vocabulary) -> list[dict]:
    """Each type's name, colour, shape and the shape's outline: what the map draws it with."""
    looks = style.type_styles(vocabulary)
    return [{"name": kind.name, "color": looks[kind.name].color, "shape": looks[kind.name].shape,
             "outline": _outline(looks[kind.name].shape)} for kind in vocabulary.types]


def type_legend(vocabulary: Vocabulary, lang: str) -> list[dict]:
    """Each type's label beside its look: the legend shows the shape the map draws."""
    return [{**look, "label": kind.label(lang)} for kind, look in zip(vocabulary.types, type_looks(vocabulary))]


def story_options(years: tuple[int, int], stops: list[dict], lang: str, present: bool,
                  home: HomeCity | None = None, exit_link: str | None = None) -> dict:
    """What the timeline player and the tour (assets/story.js) need: the years to play, the
    stops (empty: every partnership in the order it began), words in `lang`; with `exit_link`
    (a CSS selector of a link in the page around the map), an Exit button and Esc follow it."""
    names = ("play", "pause", "first", "last", "speed", "tour", "tour_end", "tour_help", "keys", "exit")
    labels = {name: t(f"story_{name}", lang) for name in names}
    return {"first": years[0], "last": years[1], "stops": stops, "lang": lang, "labels": labels,
            "present": present, "title": (home or settings.home()).title(lang) if present else "", "tourZoom": 5,
            "exit": exit_link}


def base_map(vocabulary: Vocabulary, links: AssetLinks, lang: str, home: HomeCity | None = None,
             story: dict | None = None) -> folium.Map:
    """The part of the map that stays while filters change; its assets are local links.
    With `story` (see `story_options`) it carries the timeline player and the tour."""
    # The zoom limits are the map's own (folium's min_zoom and max_zoom go to a tile layer,
    # and there is none): clusters split down to the deepest zoom and no further.
    fmap = LocalMap(links, location=(35, 20), zoom_start=2, tiles=None, world_copy_jump=True, prefer_canvas=True,
                    zoom_snap=0.25, minZoom=MIN_ZOOM, maxZoom=MAX_ZOOM, zoom_control=False)
    ZoomButtons(lang).add_to(fmap)
    basemap_style = {"ocean": style.OCEAN, "land": style.LAND, "border": style.BORDER,
                     "attribution": t("basemap_attribution", lang)}
    # The map's accessible name, read out where the map begins.
    home = home or settings.home()
    ScaleBar().add_to(fmap)
    MapCall("basemap", links.basemap, basemap_style, home.title(lang)).add_to(fmap)
    labels = labels_payload() if links.labels is None else links.labels  # names on the land, under home
    MapCall("countryLabels", labels, lang).add_to(fmap)
    MapCall("home", {"name": home.name, "lat": home.lat, "lon": home.lon}, style.HOME).add_to(fmap)
    MapCall("showAll", t("show_all", lang)).add_to(fmap)
    MapCall("legend", t("legend_title", lang), type_legend(vocabulary, lang), t("legend_doubt", lang)).add_to(fmap)
    MapCall("emptyNotice").add_to(fmap)
    # Where partners near home stand too close to tell apart, an inset shows them apart (inset.js).
    MapCall("inset", {"title": t("inset_title", lang, home=home.name), "home": {"lat": home.lat, "lon": home.lon},
                      "color": style.HOME,
                      "basemap": {key: basemap_style[key] for key in ("ocean", "land", "border")}}).add_to(fmap)
    if story is not None:
        MapCall("story", story).add_to(fmap)
    return fmap


def _column(values: pd.Series) -> list:
    return [None if pd.isna(v) else v for v in values.tolist()]


def _text(partners: pd.DataFrame, column: str) -> list[str]:
    return partners[column].fillna("").tolist() if column in partners else [""] * len(partners)


def _any_text(partners: pd.DataFrame, column: str) -> bool:
    return column in partners and bool(partners[column].fillna("").astype(str).str.strip().ne("").any())


def _companions(partners: pd.DataFrame, columns: dict[str, str], languages: list[str]) -> dict[str, list[str]]:
    """`<key>_<lang>` for each column's companion in each language, where the data has any text."""
    return {f"{key}_{lang}": _text(partners, in_language(column, lang))
            for lang in languages for key, column in columns.items() if _any_text(partners, in_language(column, lang))}


def partner_payload(partners: pd.DataFrame, vocabulary: Vocabulary, home: HomeCity | None = None) -> dict:
    """Every partner, column by column, in every language: what the browser filters and draws.

    Made once per version of the data file; a filter change then sends only the view. The
    facts the map draws with (position, type, years, the name for the tooltip) come first;
    what only a popup shows (place, descriptions, website) follows in `details`, in slices
    of DETAILS_PER_SLICE partners that `partnermap.publish.data_files` publishes as files of their
    own, fetched when a popup in them first opens. The arcs are computed in the browser.
    A text in another language (`name_da`, `city_de`, …) travels only when the data has any; the
    browser falls back to the base text, as `partnerships.wording.localised_value` does.
    """
    home = home or settings.home()
    type_index = {name: i for i, name in enumerate(vocabulary.names)}
    others = [lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE]
    details = {
        "city": partners[CITY].tolist(),
        "country": partners[COUNTRY_NAME].tolist(),
        "desc": _text(partners, DESCRIPTION),
        "url": [safe_url(url) or "" for url in _text(partners, URL)],
        **{f"country_{lang}": partners[country_name_column(lang)].tolist() for lang in others},
        **_companions(partners, {"city": CITY, "desc": DESCRIPTION}, others),
    }
    starts = range(0, len(partners), DETAILS_PER_SLICE)
    # The last confirmed years travel only when the data gives any (rules.js `doubt`).
    has_confirmed = CONFIRMED in partners and partners[CONFIRMED].notna().any()
    confirmed = {"confirmed": _column(partners[CONFIRMED])} if has_confirmed else {}
    return {
        "home": {"name": home.name, "lat": home.lat, "lon": home.lon},
        "types": [{**look, "label": {lang: kind.label(lang) for lang in LANGUAGES}}
                  for kind, look in zip(vocabulary.types, type_looks(vocabulary))],
        "labels": {lang: {key: t(key, lang) for key in MAP_LABELS} for lang in LANGUAGES},
        "partners": {
            "id": partners[ID].tolist(),
            "name": partners[NAME].tolist(),
            **_companions(partners, {"name": NAME}, others),
            "type": [type_index[name] for name in partners[TYPE]],
            "lat": partners[LAT].round(COORDINATE_DECIMALS).tolist(),
            "lon": partners[LON].round(COORDINATE_DECIMALS).tolist(),
            "start": _column(partners[START_YEAR]),
            "end": _column(partners[END_YEAR]),
            **confirmed,
        },
        "details": {
            "size": DETAILS_PER_SLICE,
            "slices": [{name: values[start:start + DETAILS_PER_SLICE] for name, values in details.items()}
                       for start in starts],
        },
    }


def map_view(view: View, vocabulary: Vocabulary, lang: str, selected: str | None = None) -> dict:
    """The filters as the browser applies them to the payload (`inView` in assets/rules.js, the
    rule of `partnerships.filtering.in_view`), and the partner whose popup is open."""
    return {"types": [vocabulary.names.index(name) for name in view.types], "year": view.year,
            "mode": view.mode.value, "lang": lang, "selected": selected}


def partner_layer(source: str | dict, view: dict) -> folium.FeatureGroup:
    """The partners in view as one feature group holding one data layer.

    `source` is the URL of the published payload (the browser fetches it once) or, for a
    self-contained file, the payload itself.
    """
    group = folium.FeatureGroup(name="partners", control=False)
    MapCall("partners", source, view, in_group=True).add_to(group)
    return group
