"""The map of a view as a picture, PNG or SVG, for slides and print: what the map on screen
shows, drawn the same way, with matplotlib.

The page has fixed places: the title, year and view across the top, the map on the left, a
panel on the right with the inset of the home region (when partners crowd home) and the legend,
and the sources along the bottom. Nothing of the map can stand on the title or the legend;
on the map, names are placed where they cover no other name and no marker
(partnermap/picture_layout.py). The page is laid out in points on a sheet 12 inches wide,
so a 3840×2160 picture is a 1920×1080 one at twice the resolution.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (after the backend)
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.collections import LineCollection  # noqa: E402

from geo.arcs import great_circle  # noqa: E402
from geo.labels import from_mercator, to_mercator  # noqa: E402
from partnermap import fonts  # noqa: E402
from partnermap.picture_base import draw_countries, labels_in_view  # noqa: E402
from partnermap.picture_layout import (  # noqa: E402
    Extent, Occupied, crowded_near_home, fit_extent, nearest_copy, place_beside, place_centred, spread, zoom_for,
)
from partnermap.picture_marks import HOME_RADIUS, draw_home, draw_markers, reach  # noqa: E402
from partnermap.picture_page import Page, draw_frame, page_for  # noqa: E402
from partnerships import settings, style  # noqa: E402
from partnerships.columns import CITY, ID, LAT, LON, NAME, TYPE  # noqa: E402
from partnerships.filtering import View, filter_partners, status_unknown  # noqa: E402
from partnerships.loading import Dataset  # noqa: E402
from partnerships.settings import HomeCity  # noqa: E402
from partnerships.wording import localised  # noqa: E402

DEFAULT_SIZE = (1920, 1080)
FORMATS = ("png", "svg")
NAME_PT, COUNTRY_PT, HOME_PT = 7.5, 7.0, 9.5
COUNTRY_COLOR = "#77705f"
NEAR_HOME_PT, APART_PT = 40.0, 11.0  # where the inset looks for partners, and how close is too close
INSET_SCALE = 1.15  # the inset's markers, a little larger
MOST_KEYED = 12  # numbers keyed in the legend, where a name finds no room
MOST_NAMED = 600  # names tried at most: beyond, a picture is a pattern, and the table names them


@dataclass
class Drawn:
    """Where the picture put each partner shown (pixels from the top left) and what it named:
    what tests and a caption may ask of it."""

    size: tuple[int, int]
    positions: dict[str, tuple[float, float]] = field(default_factory=dict)
    inset_positions: dict[str, tuple[float, float]] = field(default_factory=dict)
    colors: dict[str, str] = field(default_factory=dict)
    named: set[str] = field(default_factory=set)
    in_inset: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    keys: list[tuple[str, str]] = field(default_factory=list)  # a number on the map, the name in the legend


@dataclass(frozen=True)
class Partners:
    """The partners a view shows, ready to draw: positions on the plane, look, name."""

    ids: list[str]
    x: np.ndarray
    y: np.ndarray
    lat: np.ndarray
    lon: np.ndarray  # the copy nearest home, where the arc from home ends
    types: list[str]
    hollow: np.ndarray
    names: list[str]
    towns: list[str]  # the city, where the name does not say it: the inset names the towns


def _partners(shown: pd.DataFrame, view: View, home: HomeCity, lang: str) -> Partners:
    lon = nearest_copy(shown[LON].to_numpy(dtype=float), home.lon)
    lat = shown[LAT].to_numpy(dtype=float)
    x, y = to_mercator(lon, lat)
    hollow = (status_unknown(shown, view.year).astype(bool) | shown["start_year"].isna()).to_numpy(dtype=bool)
    names = [fonts.drawable(str(own), str(base)) for own, base in zip(localised(shown, NAME, lang), shown[NAME])]
    cities = [fonts.drawable(str(own), str(base)) for own, base in zip(localised(shown, CITY, lang), shown[CITY])]
    towns = ["" if city.casefold() in name.casefold() else city for name, city in zip(names, cities)]
    return Partners(shown[ID].astype(str).tolist(), np.asarray(x), np.asarray(y), lat, lon, shown[TYPE].tolist(),
                    hollow, names, towns)


def _arcs(ax, partners: Partners, home: HomeCity, looks: dict[str, style.TypeStyle], scale: float) -> None:
    lines, colors, dashed = [], [], []
    for lat, lon, kind, hollow in zip(partners.lat, partners.lon, partners.types, partners.hollow):
        path = great_circle(home.lat, home.lon, float(lat), float(lon))
        x, y = to_mercator(path[:, 1], path[:, 0])
        lines.append(np.column_stack([x, y]))
        colors.append(looks[kind].color)
        dashed.append(hollow)
    dashed = np.asarray(dashed, dtype=bool)
    for mask, dashes in ((~dashed, "solid"), (dashed, (0, (3, 2)))):
        if mask.any():
            ax.add_collection(LineCollection([line for line, m in zip(lines, mask) if m], linestyles=dashes,
                                             colors=[c for c, m in zip(colors, mask) if m], linewidths=1.0 * scale,
                                             alpha=0.6, zorder=2, capstyle="round"), autolim=False)


def _marks(ax, partners: Partners, looks: dict[str, style.TypeStyle], keep: np.ndarray, scale: float = 1.0) -> None:
    for kind in dict.fromkeys(partners.types):
        mask = keep & np.array([t == kind for t in partners.types])
        draw_markers(ax, partners.x[mask], partners.y[mask], looks[kind], partners.hollow[mask], scale=scale)


def _names(page: Page, to_page, partners: Partners, keep: list[int], occupied: Occupied, gaps: list[float],
           drawn: Drawn, home: HomeCity, extent: Extent, zoom: float, lang: str, home_last: bool = False) -> None:
    """Home's name, the partners' names, then the countries' where room is left. In the inset
    (`home_last`) the partners come first: its caption names home already."""
    def home_name() -> None:
        hx, hy = to_page(*(float(v) for v in to_mercator(home.lon, home.lat)))
        spot = place_beside(occupied, (hx, hy), page.measure(home.name, HOME_PT, "bold"), HOME_RADIUS + 2)
        if spot:
            page.text(spot, home.name, HOME_PT, style.HOME, weight="bold")

    if not home_last:
        home_name()
    points = np.array([to_page(x, y) for x, y in zip(partners.x, partners.y)] +
                      [to_page(*(float(v) for v in to_mercator(home.lon, home.lat)))]).reshape(-1, 2)
    keep = keep[:MOST_NAMED]
    for i in keep:
        others = np.delete(points, i, axis=0)
        spot = place_beside(occupied, tuple(points[i]), page.measure(partners.names[i], NAME_PT), gaps[i], others)
        if spot:
            page.text(spot, partners.names[i], NAME_PT, "#1f1f1f")
            drawn.named.add(partners.ids[i])
    for i in keep:  # no room for the name: a number, and the name beside it in the key
        if partners.ids[i] in drawn.named or len(drawn.keys) >= MOST_KEYED:
            continue
        number = str(len(drawn.keys) + 1)
        spot = place_beside(occupied, tuple(points[i]), page.measure(number, NAME_PT, "bold"), gaps[i] - 1,
                            np.delete(points, i, axis=0))
        if spot:
            page.text(spot, number, NAME_PT, "#1f1f1f", weight="bold")
            drawn.keys.append((number, partners.names[i]))
            drawn.named.add(partners.ids[i])
    if home_last:
        home_name()
        for i in keep:
            if partners.towns[i]:
                size = page.measure(partners.towns[i], COUNTRY_PT, italic=True)
                spot = place_beside(occupied, tuple(points[i]), size, gaps[i], np.delete(points, i, axis=0))
                if spot:
                    page.text(spot, partners.towns[i], COUNTRY_PT, COUNTRY_COLOR, italic=True)
    for country, x, y in labels_in_view(extent, zoom):
        name = fonts.drawable(country.name(lang), country.name("en"))
        spot = place_centred(occupied, to_page(x, y), page.measure(name, COUNTRY_PT, "normal", italic=True))
        if spot:
            page.text(spot, name, COUNTRY_PT, COUNTRY_COLOR, italic=True, halo=False)
            drawn.countries.append(name)


def _map(page: Page, ax, box, extent: Extent, partners: Partners, home: HomeCity, looks, keep_marks: np.ndarray,
         named: list[int], drawn: Drawn | None, lang: str, scale: float = 1.0) -> Occupied:
    """One map (the main one or the inset): countries, arcs, markers, home, names."""
    ax.set_xlim(extent[0], extent[1])
    ax.set_ylim(extent[3], extent[2])  # y down, as the plane is
    draw_countries(ax, extent)
    to_page = page.mapper(box, extent)
    if keep_marks.any():
        _arcs(ax, _subset(partners, keep_marks), home, looks, scale)
        _marks(ax, partners, looks, keep_marks, scale)
    hx, hy = (float(v) for v in to_mercator(home.lon, home.lat))
    draw_home(ax, hx, hy)
    occupied = Occupied(box)
    gaps = [reach(looks[kind].shape) * scale + 1 for kind in partners.types]  # a name beside its marker
    for i in np.flatnonzero(keep_marks):
        px, py = to_page(partners.x[i], partners.y[i])
        r = gaps[i] - 0.5
        occupied.add((px - r, py - r, px + r, py + r))
    px, py = to_page(hx, hy)
    occupied.add((px - HOME_RADIUS - 1, py - HOME_RADIUS - 1, px + HOME_RADIUS + 1, py + HOME_RADIUS + 1))
    _names(page, to_page, partners, named, occupied, gaps, drawn if drawn is not None else Drawn((0, 0)), home,
           extent, zoom_for(extent, box[2] - box[0]), lang, home_last=scale != 1.0)
    return occupied


def _subset(partners: Partners, mask: np.ndarray) -> Partners:
    pick = np.flatnonzero(mask)
    return Partners([partners.ids[i] for i in pick], partners.x[pick], partners.y[pick], partners.lat[pick],
                    partners.lon[pick], [partners.types[i] for i in pick], partners.hollow[pick],
                    [partners.names[i] for i in pick], [partners.towns[i] for i in pick])


def _spread_inset(page: Page, partners: Partners, crowd: list[int], home: tuple[float, float], box,
                  extent: Extent) -> Partners:
    """The partners with those of the inset moved apart where their markers would touch; their
    arcs end where they are drawn."""
    to_page = page.mapper(box, extent)
    points = np.array([to_page(partners.x[i], partners.y[i]) for i in crowd])
    moved = spread(points, to_page(*home), APART_PT * INSET_SCALE + 3)
    sx, sy = (extent[1] - extent[0]) / (box[2] - box[0]), (extent[3] - extent[2]) / (box[3] - box[1])
    x, y, lat, lon = partners.x.copy(), partners.y.copy(), partners.lat.copy(), partners.lon.copy()
    for k, i in enumerate(crowd):
        x[i], y[i] = extent[0] + (moved[k, 0] - box[0]) * sx, extent[2] + (moved[k, 1] - box[1]) * sy
        lon[i], lat[i] = from_mercator(x[i] % 1.0, y[i])
        lon[i] += np.floor(x[i]) * 360
    return Partners(partners.ids, x, y, lat, lon, partners.types, partners.hollow, partners.names, partners.towns)


def _inset_extent(page: Page, partners: Partners, chosen: np.ndarray, home: tuple[float, float], box) -> Extent:
    """The home region: the crowded partners and home, with room around them for names."""
    xs, ys = [*partners.x[chosen], home[0]], [*partners.y[chosen], home[1]]
    return fit_extent(xs, ys, (box[2] - box[0]) / (box[3] - box[1]), pad=0.6)


def draw(dataset: Dataset, view: View, lang: str, size: tuple[int, int] = DEFAULT_SIZE,
         home: HomeCity | None = None):
    """The figure of the view and what it drew where (`Drawn`)."""
    home = home or settings.home()
    shown = filter_partners(dataset.partners, view)
    looks = style.type_styles(dataset.vocabulary)
    page = page_for(size)
    partners = _partners(shown, view, home, lang)
    hx, hy = (float(v) for v in to_mercator(home.lon, home.lat))
    main_box = page.map_box
    aspect = (main_box[2] - main_box[0]) / (main_box[3] - main_box[1])
    extent = fit_extent([*partners.x, hx], [*partners.y, hy], aspect)
    to_page = page.mapper(main_box, extent)
    points = np.array([to_page(x, y) for x, y in zip(partners.x, partners.y)]).reshape(-1, 2)
    crowd = crowded_near_home(points, to_page(hx, hy), NEAR_HOME_PT, APART_PT)
    drawn = Drawn(size, in_inset=[partners.ids[i] for i in crowd])
    everyone = np.ones(len(partners.ids), dtype=bool)
    outside = [i for i in range(len(partners.ids)) if i not in set(crowd)]
    ax = page.axes(main_box)
    _map(page, ax, main_box, extent, partners, home, looks, everyone, outside, drawn, lang)
    in_inset = np.zeros(len(partners.ids), dtype=bool)
    in_inset[crowd] = True
    if crowd:
        inset_box = page.inset_box
        inset_extent = _inset_extent(page, partners, in_inset, (hx, hy), inset_box)
        apart = _spread_inset(page, partners, crowd, (hx, hy), inset_box, inset_extent)
        _map(page, page.axes(inset_box), inset_box, inset_extent, apart, home, looks, in_inset, crowd, drawn, lang,
             scale=INSET_SCALE)
        page.locator(ax, inset_extent)
        to_inset = page.mapper(inset_box, inset_extent)
        drawn.inset_positions = {apart.ids[i]: page.pixel(*to_inset(apart.x[i], apart.y[i])) for i in crowd}
    shown_types = [name for name in view.types if name in set(partners.types)]
    draw_frame(page, dataset, view, shown, lang, home, looks, shown_types, bool(partners.hollow.any()),
               inset=bool(crowd), keys=drawn.keys, unnamed=len(partners.ids) - len(drawn.named))
    for i, partner_id in enumerate(partners.ids):
        drawn.positions[partner_id] = page.pixel(*to_page(partners.x[i], partners.y[i]))
        drawn.colors[partner_id] = looks[partners.types[i]].color
    return page.figure, drawn


def render(dataset: Dataset, view: View, lang: str, fmt: str = "png", size: tuple[int, int] = DEFAULT_SIZE,
           home: HomeCity | None = None) -> tuple[bytes, Drawn]:
    """The picture as PNG or SVG bytes (SVG keeps its text as text), and what it drew where."""
    if fmt not in FORMATS:
        raise ValueError(f"a picture is one of {', '.join(FORMATS)}, not {fmt!r}")
    with plt.rc_context({"font.family": fonts.families(), "svg.fonttype": "none", "svg.hashsalt": "partnermap"}):
        figure, drawn = draw(dataset, view, lang, size, home)
        out = io.BytesIO()
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        figure.savefig(out, format=fmt, dpi=figure.dpi, metadata=metadata)
    plt.close(figure)
    return out.getvalue(), drawn


def picture(dataset: Dataset, view: View, lang: str, fmt: str = "png", size: tuple[int, int] = DEFAULT_SIZE) -> bytes:
    return render(dataset, view, lang, fmt, size)[0]
