"""The picture's page: where the title, the map, the inset, the legend and the sources stand,
in points from the top left of a sheet 12 inches wide, and how text is measured and set there.
"""
from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field

import matplotlib.pyplot as plt
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Rectangle

from partnermap import fonts
from partnermap.picture_layout import Box, Extent
from partnermap.picture_marks import HALO, HOME_EDGE, HOME_RADIUS, HOLLOW_EDGE, MARKER_RADIUS, marker
from partnerships import style
from partnerships.filtering import View, count
from partnerships.i18n import plural, t
from partnerships.loading import Dataset
from partnerships.settings import HomeCity
from partnerships.summary import sources_line

SHEET_INCHES = 12.0
MARGIN, TOP, BOTTOM, PANEL = 10.0, 64.0, 22.0, 226.0  # points
INSET_HEIGHT, CAPTION = 168.0, 15.0
TEXT, MUTED = "#1f1f1f", "#5b5b5b"
LEADING = 1.25  # a line's height, of its text's


@dataclass
class Page:
    figure: object
    width: float  # points
    height: float
    dpi: float
    _sizes: dict = field(default_factory=dict)

    @property
    def map_box(self) -> Box:
        return MARGIN, TOP, self.width - PANEL - 2 * MARGIN, self.height - BOTTOM

    @property
    def inset_box(self) -> Box:
        x0 = self.width - PANEL - MARGIN
        return x0, TOP + CAPTION, self.width - MARGIN, TOP + CAPTION + INSET_HEIGHT

    def legend_top(self, inset: bool) -> float:
        return (self.inset_box[3] + 14) if inset else TOP

    def axes(self, box: Box):
        x0, y0, x1, y1 = box
        ax = self.figure.add_axes((x0 / self.width, 1 - y1 / self.height, (x1 - x0) / self.width,
                                   (y1 - y0) / self.height))
        ax.set_xticks([])
        ax.set_yticks([])
        for spine in ax.spines.values():
            spine.set_edgecolor("#8a8a8a")
            spine.set_linewidth(0.6)
        return ax

    def measure(self, text: str, size: float, weight: str = "normal", italic: bool = False) -> tuple[float, float]:
        """A text's width and height in points, as the picture sets it."""
        key = (text, size, weight, italic)
        if key not in self._sizes:
            props = FontProperties(family=fonts.families(), size=size, weight=weight,
                                   style="italic" if italic else "normal")
            w, h, _ = self.figure.canvas.get_renderer().get_text_width_height_descent(text, props, ismath=False)
            self._sizes[key] = (w * 72 / self.dpi, h * 72 / self.dpi)
        return self._sizes[key]

    def text(self, box: Box, text: str, size: float, color: str, weight: str = "normal", italic: bool = False,
             halo: bool = True, ha: str = "left", zorder: float = 8) -> None:
        """Text in a box in points (its left, or with ha='right' its right edge), centred in height."""
        x = box[2] if ha == "right" else box[0]
        where = (x / self.width, 1 - (box[1] + box[3]) / 2 / self.height, text)
        look = {"fontsize": size, "weight": weight, "style": "italic" if italic else "normal", "ha": ha, "va": "center"}
        if halo:  # a white outline under the text, drawn apart: an SVG keeps the text itself as text
            self.figure.text(*where, color="white", path_effects=HALO, zorder=zorder - 0.5, **look)
        self.figure.text(*where, color=color, zorder=zorder, **look)

    def line(self, x: float, y: float, text: str, size: float, color: str = TEXT, weight: str = "normal",
             ha: str = "left") -> float:
        """One line whose top is at y; returns where the next line may start."""
        w, h = self.measure(text, size, weight)
        box = (x - w, y, x, y + h) if ha == "right" else (x, y, x + w, y + h)
        self.text(box, text, size, color, weight=weight, halo=False, ha=ha)
        return y + h * LEADING

    def mapper(self, box: Box, extent: Extent) -> Callable[[float, float], tuple[float, float]]:
        """From the plane (world widths) to the page (points) inside `box`."""
        sx, sy = (box[2] - box[0]) / (extent[1] - extent[0]), (box[3] - box[1]) / (extent[3] - extent[2])
        return lambda x, y: (box[0] + (x - extent[0]) * sx, box[1] + (y - extent[2]) * sy)

    def pixel(self, x: float, y: float) -> tuple[float, float]:
        return x * self.dpi / 72, y * self.dpi / 72

    def locator(self, ax, extent: Extent) -> None:
        """The inset's region outlined on the main map."""
        ax.add_patch(Rectangle((extent[0], extent[2]), extent[1] - extent[0], extent[3] - extent[2], fill=False,
                               edgecolor=style.HOME, linewidth=0.9, zorder=7))


def page_for(size: tuple[int, int]) -> Page:
    width_px, height_px = size
    dpi = width_px / SHEET_INCHES
    figure = plt.figure(figsize=(SHEET_INCHES, height_px / dpi), dpi=dpi, facecolor="white")
    return Page(figure, SHEET_INCHES * 72, height_px / dpi * 72, dpi)


def _legend_marker(page: Page, ax, x: float, y: float, look: style.TypeStyle, hollow: bool = False) -> None:
    kind, size = marker(look.shape)
    if hollow:
        ax.scatter([x], [y], s=size, marker=kind, facecolors="white", edgecolors=look.color, linewidths=HOLLOW_EDGE,
                   linestyles=(0, (2, 1.2)))
    else:
        ax.scatter([x], [y], s=size, marker=kind, c=look.color, edgecolors="white", linewidths=0.8)


def draw_frame(page: Page, dataset: Dataset, view: View, shown, lang: str, home: HomeCity,
               looks: dict[str, style.TypeStyle], shown_types: list[str], any_hollow: bool, inset: bool,
               keys: list[tuple[str, str]], unnamed: int) -> None:
    """Everything around the map: title, year and view; the inset's caption; the legend; the sources."""
    right = page.width - MARGIN
    page.line(MARGIN, 10, home.title(lang), 19, weight="bold")
    counts = count(shown, view.year)
    facts = [t(f"mode_{view.mode.value}", lang),
             t("picture_counts", lang, partnerships=plural("n_partnerships", counts.partnerships, lang),
               countries=plural("n_countries", counts.countries, lang))]
    page.line(MARGIN, 38, " · ".join(facts), 11.5, MUTED)
    page.line(right, 8, str(view.year), 30, weight="bold", ha="right")
    if inset:
        box = page.inset_box
        page.line(box[0], box[1] - CAPTION + 1, t("inset_title", lang, home=home.name), 9.5, weight="bold")
    top = page.legend_top(inset)
    box = (page.width - PANEL - MARGIN, top, right, page.height - BOTTOM)
    ax = page.axes(box)
    ax.set_axis_off()
    ax.set_xlim(box[0], box[2])
    ax.set_ylim(box[3], box[1])
    y = page.line(box[0], top, t("legend_title", lang), 10, weight="bold") + 6
    row = 2 * MARKER_RADIUS + 7
    for name in shown_types:
        _legend_marker(page, ax, box[0] + 7, y + row / 2, looks[name])
        page.text((box[0] + 18, y, box[2], y + row), dataset.vocabulary.get(name).label(lang), 9, TEXT, halo=False)
        y += row
    wrap = int((PANEL - 20) / 4.6)  # characters of 8.5 pt a line
    if any_hollow:
        _legend_marker(page, ax, box[0] + 7, y + row / 2, style.TypeStyle(MUTED, "circle"), hollow=True)
        for k, text in enumerate(textwrap.wrap(t("legend_doubt", lang), wrap)):
            y = page.line(box[0] + 18, y + (3 if k == 0 else 0), text, 8.5, MUTED)
        y += 5
    ax.scatter([box[0] + 7], [y + row / 2], s=(2 * HOME_RADIUS) ** 2 * 0.7, marker="o", facecolors="white",
               edgecolors=style.HOME, linewidths=HOME_EDGE * 0.8)
    page.text((box[0] + 18, y, box[2], y + row), home.name, 9, TEXT, weight="bold", halo=False)
    y += row + 4
    for number, name in keys:
        page.line(box[0] + 2, y, number, 8.5, weight="bold")
        y = page.line(box[0] + 18, y, name, 8.5)
    y += 4 if keys else 0
    if unnamed > 0:
        for text in textwrap.wrap(t("picture_unnamed", lang, n=unnamed), wrap):
            y = page.line(box[0], y, text, 8.5, MUTED)
    source = f"{t('basemap_attribution', lang)} · {sources_line(dataset.partners, lang)}".rstrip(" ·")
    page.line(MARGIN, page.height - BOTTOM + 6, source, 8, MUTED)
