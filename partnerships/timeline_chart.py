"""The timeline's chart: a bar per partnership from its first year to its last, its name above
it, its milestones on it, the chosen year marked, years in which nothing happens drawn short.

Altair, no Streamlit. Nothing is told by colour alone: each type also has its marker shape (as
on the map), a bar still running ends in an arrow, and a milestone is an open diamond.
"""
from __future__ import annotations

from typing import Literal

import altair as alt
import pandas as pd

from partnerships.columns import CONFIRMED, ID, NAME
from partnerships.escape import js_json
from partnerships.i18n import t
from partnerships.style import HOME
from partnerships.symbols import VEGA_SHAPES
from partnerships.timeline import (
    COLOR, DATE, END, KNOWN_UNTIL, LABEL, MAX_ROWS, ONGOING, SHAPE, START, TEXT, TYPE_LABEL, WHEN, YEARS, timeline_summary,
)
from partnerships.yearscale import YearScale

ROW_HEIGHT = 44  # px per partnership: its name, and under it its bar
MIN_HEIGHT = 200  # px
BAR_SIZE = 14  # px, the bar's thickness
BAR_OFFSET = 8  # px below the middle of its row: the bar, its marker, arrow and milestones
NAME_DY = -2  # px: the name's baseline, just above the bar
NAME_COLOR = "#31333f"  # Streamlit's text colour
QUIET_FILL = "#f3f1ec"  # behind the years drawn short
MARKER_SIZE = 110  # px², the type's shape just before a bar, clear of a milestone on its first day
MARKER_OFFSET = -9  # px
ARROW_SIZE = 120  # px², the arrow at the end of a bar still running
ARROW_OFFSET = 4  # px
MILESTONE_SIZE = 90  # px²
EDGE = 16  # px of room left of the first year and right of the last, for the marker and the arrow
FONT_SIZE = 14  # as on the charts page
TITLE_SIZE = 17
TITLE_OFFSET = 36  # px: room for the chosen year's number above the years on top
CHOSEN_LABEL_DY = -30  # px: the chosen year's number, above the years on top
GRID = "#e6e3dc"
YEAR_SPACING = 48  # px at least between the numbers of the year axis
YEAR_STEPS = (1, 2, 5, 10, 20)
LEGEND_GAP = 56  # px from the rows to the legend, past the year axis and its title
LEGEND_TITLE = 24  # px
LEGEND_ROW = 20  # px per row of types
# Worked out in the browser (Vega expressions), so one spec suits a phone and a projector.
CONTAINER = "containerSize()[0]"
LEGEND_COLUMNS = f"{CONTAINER} < 560 ? 1 : {CONTAINER} < 960 ? 2 : 3"
# The height is the rows' own and the title, axes and legend come on top: Streamlit's
# default (fit, padding included) would squeeze the rows into a fixed total.
FIT_WIDTH = alt.AutoSizeParams(type="fit-x", contains="padding")
# Columns the chart adds.
UNTIL = "until"  # where a bar ends: the end of its last year
YEAR = "year"
MIDDLE = "middle"  # where the chosen year's line is drawn
START_AT, UNTIL_AT, DATE_AT = "start_at", "until_at", "date_at"  # where those years are drawn (YearScale)
KNOWN_AT = "known_at"  # where the confirmed part of a bar ends
# Rows and types are told apart by their place, never by the text of an id or a label: text from
# the file stays in the data, out of the spec's expressions, where Vega reads `constructor` or
# `toString` as a name of its own and fails to draw (tests/browser/test_object_keys.py).
ROW = "row"  # the bar's place, from the top
TYPE_ORDER = "type_order"  # the type's place in the legend
UNKNOWN_OPACITY = 0.28


# --- The chart ------------------------------------------------------------------------------

def chart_height(rows: int) -> int:
    return max(MIN_HEIGHT, ROW_HEIGHT * rows)


def _px(expression: str) -> dict[str, str]:
    """A size worked out in the browser from the chart's container: one spec, phone or projector."""
    return {"expr": expression}


def year_scale(rows: pd.DataFrame, points: pd.DataFrame, selected_year: int) -> YearScale:
    """The years drawn: from the first start to the end of the last bar and the chosen year, with
    the stretches in which nothing begins, ends or is confirmed, and no milestone falls, drawn short."""
    matter = {selected_year, *rows[START], *rows[END], *points[DATE].astype(int)}
    if CONFIRMED in rows:
        matter |= {int(y) for y in rows[CONFIRMED].dropna()} | {int(y) + 1 for y in rows[CONFIRMED].dropna()}
    return YearScale.around(int(min([*rows[START], selected_year])), int(max([*rows[UNTIL], selected_year + 1])),
                            matter)


def _year_axis(scale: YearScale, title: str | None, orient: Literal["top", "bottom"]) -> alt.Axis:
    """Years as spans: a grid line where a year begins, its number in the middle of it, a quiet
    stretch marked "…".

    Every year when there is room, else every 2nd, 5th, 10th or 20th: numbers stay YEAR_SPACING apart.
    """
    low, high = scale.span
    per_year = f"((width - {2 * EDGE}) / {high - low})"
    steps = [f"{per_year} * {n} >= {YEAR_SPACING} ? {js_json(scale.ticks(n))}" for n in YEAR_STEPS[:-1]]
    return alt.Axis(title=title, orient=orient, grid=orient == "bottom", ticks=False, domain=False,
                    values=_px(f"{' : '.join(steps)} : {js_json(scale.ticks(YEAR_STEPS[-1]))}"),
                    labelExpr=f"{js_json(scale.labels())}[datum.value] || ''",
                    labelOffset=_px(f"{per_year} / 2"), labelOverlap=False)


def _years(field: str, scale: YearScale, axis: alt.Axis | None = None) -> alt.X:
    """The year scale every layer shares; its padding leaves room for the first marker and the last arrow."""
    return alt.X(f"{field}:Q", axis=axis, scale=alt.Scale(domain=list(scale.span), nice=False, zero=False,
                                                           padding=EDGE))


def _partner_axis() -> alt.Y:
    """Rows by their place in start order, so two partners of one name keep two rows; a line between
    rows. The names are written above the bars, whole, not beside them in a column that cuts them."""
    axis = alt.Axis(labels=False, ticks=False, domain=False, grid=True, bandPosition=0, title=None)
    return alt.Y(f"{ROW}:O", title=None, axis=axis, scale=alt.Scale(padding=0))


def _room_below(types: int) -> dict[str, str]:
    """Padding under the year axis for the legend: one placed by hand is not counted in the chart's size."""
    rows = f"ceil({types} / ({LEGEND_COLUMNS}))"
    return _px(f"{{left: 5, top: 5, right: 5, bottom: {LEGEND_TITLE} + {rows} * {LEGEND_ROW} + 12}}")


def _type_order(rows: pd.DataFrame) -> pd.Series:
    """Each row's type's place among the types, in the order they began."""
    first = rows.drop_duplicates(TYPE_LABEL)[TYPE_LABEL]
    return rows[TYPE_LABEL].map({label: place for place, label in enumerate(first)}).astype("int64")


def _type_encodings(rows: pd.DataFrame, lang: str) -> tuple[alt.Color, alt.Shape]:
    """Each type's colour and shape, as on the map, in one legend: in the order the types began.

    The legend's entries come from the data, ordered by TYPE_ORDER; the labels are never
    written into the spec (see ROW)."""
    looks = rows.drop_duplicates(TYPE_LABEL)
    title, order = t("legend_title", lang), alt.EncodingSortField(field=TYPE_ORDER, op="min")
    legend = alt.Legend(orient="none", legendX=0, legendY=_px(f"height + {LEGEND_GAP}"),
                        direction="horizontal", columns=_px(LEGEND_COLUMNS), symbolSize=MARKER_SIZE,
                        symbolStrokeWidth=0, labelLimit=_px(f"{CONTAINER} - 40"))
    color = alt.Color(f"{TYPE_LABEL}:N", title=title, sort=order, scale=alt.Scale(range=list(looks[COLOR])),
                      legend=legend)
    shape = alt.Shape(f"{TYPE_LABEL}:N", title=title, sort=order,
                      scale=alt.Scale(range=[VEGA_SHAPES.get(s, "circle") for s in looks[SHAPE]]))
    return color, shape


def _quiet_band(scale: YearScale, lang: str) -> alt.Chart:
    """A pale band where years are drawn short, saying which."""
    spans = [(start, end, t("timeline_quiet", lang, first=start, last=end - 1)) for start, end in scale.quiet]
    at = [scale.at([start, end]) for start, end, _ in spans]
    band = pd.DataFrame({START_AT: [a for a, _ in at], UNTIL_AT: [b for _, b in at], TEXT: [s[2] for s in spans]})
    return alt.Chart(band).mark_rect(color=QUIET_FILL).encode(
        x=_years(START_AT, scale), x2=f"{UNTIL_AT}:Q", tooltip=[alt.Tooltip(f"{TEXT}:N", title=t("years", lang))])


def gantt_chart(gantt: pd.DataFrame, milestones: pd.DataFrame, selected_year: int, lang: str) -> alt.LayerChart:
    """Bars from each partnership's first year to its last under its name, its milestones on it,
    the chosen year marked, quiet stretches drawn short (YearScale).

    Only the first MAX_ROWS rows are drawn (see cap_note). The chosen year's line runs
    through the middle of that year, so the bars it crosses are exactly those active then.
    """
    rows = gantt.head(MAX_ROWS).assign(**{UNTIL: lambda f: f[END] + 1})
    points = milestones[milestones[ID].isin(rows[ID])]
    scale = year_scale(rows, points, selected_year)
    rows = rows.assign(**{START_AT: scale.at(rows[START]), UNTIL_AT: scale.at(rows[UNTIL]),
                          KNOWN_AT: scale.at(rows[KNOWN_UNTIL] + 1), ROW: range(len(rows)),
                          TYPE_ORDER: _type_order(rows)})
    points = points.assign(**{DATE_AT: scale.at(points[DATE]),
                              ROW: points[ID].map(dict(zip(rows[ID], rows[ROW]))).astype("int64")})
    y = _partner_axis()
    color, shape = _type_encodings(rows, lang)
    name_title = t("col_name", lang)
    tooltip = [alt.Tooltip(f"{LABEL}:N", title=name_title),
               alt.Tooltip(f"{TYPE_LABEL}:N", title=t("legend_title", lang)),
               alt.Tooltip(f"{YEARS}:N", title=t("years", lang))]

    base = alt.Chart(rows).encode(y=y, tooltip=tooltip)
    on_bar = {"yOffset": BAR_OFFSET}
    layers = [_quiet_band(scale, lang)] if scale.quiet else []
    layers += [
        base.mark_bar(size=BAR_SIZE, **on_bar).encode(
            x=_years(START_AT, scale, _year_axis(scale, t("timeline_axis_year", lang), "bottom")),
            x2=f"{KNOWN_AT}:Q", color=color),
        # After the last confirmed year the bar goes on faint: status unknown, not active.
        base.transform_filter(alt.datum[KNOWN_AT] < alt.datum[UNTIL_AT]).mark_bar(
            size=BAR_SIZE, opacity=UNKNOWN_OPACITY, **on_bar).encode(x=_years(KNOWN_AT, scale), x2=f"{UNTIL_AT}:Q",
                                                                   color=color.legend(None)),
        base.mark_text(align="left", baseline="bottom", dy=NAME_DY, fontSize=FONT_SIZE, color=NAME_COLOR,
                       limit=_px("width")).encode(x=alt.value(0), text=f"{LABEL}:N"),
        base.mark_point(filled=True, opacity=1, size=MARKER_SIZE, stroke="white", strokeWidth=1,
                        xOffset=MARKER_OFFSET, **on_bar).encode(x=_years(START_AT, scale), color=color, shape=shape),
        base.transform_filter(alt.datum[ONGOING]).mark_point(
            shape="triangle-right", filled=True, opacity=1, size=ARROW_SIZE, xOffset=ARROW_OFFSET, **on_bar,
        ).encode(x=_years(UNTIL_AT, scale), color=color.legend(None)),
    ]
    if len(points):
        layers.append(alt.Chart(points).mark_point(
            shape="diamond", filled=True, fill="white", stroke=HOME, strokeWidth=1.5, size=MILESTONE_SIZE, opacity=1,
            **on_bar,
        ).encode(x=_years(DATE_AT, scale), y=y, tooltip=[
            alt.Tooltip(f"{NAME}:N", title=name_title), alt.Tooltip(f"{WHEN}:N", title=t("timeline_date", lang)),
            alt.Tooltip(f"{TEXT}:N", title=t("milestones", lang))]))
    # The years again on top, for a long list; the chosen year's number above them.
    chosen = alt.Chart(pd.DataFrame({YEAR: [selected_year], MIDDLE: scale.at([selected_year + 0.5])})).encode(
        tooltip=[alt.Tooltip(f"{YEAR}:O", title=t("timeline_chosen_year", lang))])
    layers += [
        chosen.mark_rule(color=HOME, strokeDash=[5, 4], strokeWidth=1.5).encode(
            x=_years(MIDDLE, scale, _year_axis(scale, None, "top"))),
        chosen.mark_text(color=HOME, baseline="bottom", dy=CHOSEN_LABEL_DY, fontSize=FONT_SIZE, fontWeight="bold")
        .encode(x=_years(MIDDLE, scale), y=alt.value(0), text=f"{YEAR}:O"),
    ]
    return (
        alt.layer(*layers).resolve_axis(x="independent")
        .properties(title=t("timeline_chart_title", lang), description=timeline_summary(gantt, lang),
                    width="container", height=chart_height(len(rows)), autosize=FIT_WIDTH,
                    padding=_room_below(rows[TYPE_LABEL].nunique()))
        .configure_axis(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE, gridColor=GRID)
        .configure_title(fontSize=_px(f"{CONTAINER} < 560 ? {FONT_SIZE + 1} : {TITLE_SIZE}"), anchor="start",
                         offset=TITLE_OFFSET)
        .configure_legend(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE)
        .configure_view(stroke=None)
    )
