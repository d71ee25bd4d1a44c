"""Build the folium map: a fixed base (countries, home, legend) and one partner layer.

The base map never changes while someone filters, so streamlit-folium keeps it mounted; a
filter change only swaps the partner layer (`feature_group_to_add`). All partners in view
travel as one compact, column-wise JSON object drawn by `assets/partner_map.js`: no folium
object per partner, and no text from the data outside the escaping in `partnerships.escape`.
"""
from __future__ import annotations

import folium
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from geo import style
from geo.arcs import arcs_from
from geo.assets import AssetLinks
from partnerships.escape import js_json, safe_url
from partnerships.i18n import t
from partnerships.schema import (
    CITY, COUNTRY_NAME, COUNTRY_NAME_DA, DESCRIPTION, DESCRIPTION_DA, END_YEAR, LAT, LON, NAME, START_YEAR, TYPE, URL,
)
from partnerships.settings import HOME, HomeCity
from partnerships.vocabulary import Vocabulary

ARC = "arc"  # column added by `with_arcs`: the inner points of each partner's arc
COORDINATE_DECIMALS = 5  # about a metre


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


def with_arcs(partners: pd.DataFrame, home: HomeCity = HOME) -> pd.DataFrame:
    """The partners with each one's great-circle arc from home; done once per data file."""
    if partners.empty:
        return partners.assign(**{ARC: pd.Series(dtype=object)})
    return partners.assign(**{ARC: arcs_from(home.lat, home.lon, partners[LAT], partners[LON])})


def type_legend(vocabulary: Vocabulary, lang: str) -> list[dict[str, str]]:
    colors = style.type_colors(vocabulary)
    return [{"name": kind.name, "label": kind.label(lang), "color": colors[kind.name]} for kind in vocabulary.types]


def base_map(vocabulary: Vocabulary, links: AssetLinks, lang: str, home: HomeCity = HOME) -> folium.Map:
    """The part of the map that stays while filters change; its assets are local links."""
    fmap = folium.Map(location=(35, 20), zoom_start=2, tiles=None, min_zoom=1, max_zoom=12,
                      world_copy_jump=True, prefer_canvas=True, control_scale=True)
    fmap.default_js = [(f"pm_js_{i}", url) for i, url in enumerate(links.scripts)]
    fmap.default_css = [(f"pm_css_{i}", url) for i, url in enumerate(links.styles)]
    basemap_style = {"ocean": style.OCEAN, "land": style.LAND, "border": style.BORDER,
                     "attribution": t("basemap_attribution", lang)}
    MapCall("basemap", links.basemap, basemap_style).add_to(fmap)
    MapCall("home", {"name": home.name, "lat": home.lat, "lon": home.lon}, style.HOME).add_to(fmap)
    MapCall("legend", t("legend_title", lang), type_legend(vocabulary, lang)).add_to(fmap)
    return fmap


def _column(values: pd.Series) -> list:
    return [None if pd.isna(v) else v for v in values.tolist()]


def _localised(shown: pd.DataFrame, column: str, danish: str, lang: str) -> pd.Series:
    """Danish text where the data has it and Danish is chosen, else the English column."""
    english = shown[column].fillna("") if column in shown else pd.Series("", index=shown.index)
    if lang != "da" or danish not in shown:
        return english
    localised = shown[danish].fillna("")
    return localised.where(localised != "", english)


def partner_payload(shown: pd.DataFrame, vocabulary: Vocabulary, lang: str, home: HomeCity = HOME) -> dict:
    """Everything the browser needs to draw the partners in view, column by column."""
    type_index = {name: i for i, name in enumerate(vocabulary.names)}
    urls = shown[URL].fillna("") if URL in shown else pd.Series("", index=shown.index)
    return {
        "home": {"name": home.name, "lat": home.lat, "lon": home.lon},
        "types": type_legend(vocabulary, lang),
        "labels": {"since": t("since", lang), "website": t("website", lang)},
        "partners": {
            "id": shown.get("id", pd.Series(dtype=object)).tolist(),
            "name": shown[NAME].tolist(),
            "type": [type_index[name] for name in shown[TYPE]],
            "city": shown[CITY].tolist(),
            "country": _localised(shown, COUNTRY_NAME, COUNTRY_NAME_DA, lang).tolist(),
            "lat": shown[LAT].round(COORDINATE_DECIMALS).tolist(),
            "lon": shown[LON].round(COORDINATE_DECIMALS).tolist(),
            "start": _column(shown[START_YEAR]),
            "end": _column(shown[END_YEAR]),
            "desc": _localised(shown, DESCRIPTION, DESCRIPTION_DA, lang).tolist(),
            "url": [safe_url(url) or "" for url in urls],
            "arc": shown[ARC].tolist(),
        },
    }


def partner_layer(shown: pd.DataFrame, vocabulary: Vocabulary, lang: str, home: HomeCity = HOME) -> folium.FeatureGroup:
    """The partners in view as one feature group holding one data layer."""
    group = folium.FeatureGroup(name="partners", control=False)
    MapCall("partners", partner_payload(shown, vocabulary, lang, home), in_group=True).add_to(group)
    return group
