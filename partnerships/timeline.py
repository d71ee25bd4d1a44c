"""The timeline page's rows, milestones, chart and sentence: how the partnerships grew.

Plain pandas and Altair, no Streamlit. A year is drawn as a span, from its first day to its
last: a partnership of 2007–2015 runs from the start of 2007 to the end of 2015, so one of a
single year still has a length, and a milestone of October 2010 lies inside 2010. Nothing
is told by colour alone: each type also has its marker shape (as on the map), a bar still
running ends in an arrow, and a milestone is an open diamond.
"""
from __future__ import annotations

import re
from typing import Literal

import altair as alt
import pandas as pd

from partnerships.columns import END_YEAR, ID, MILESTONES, NAME, START_YEAR, TYPE
from partnerships.escape import js_json
from partnerships.i18n import plural, t
from partnerships.style import HOME, OUTLINES, Outline, type_styles
from partnerships.summary import join_words
from partnerships.vocabulary import Vocabulary
from partnerships.wording import milestone_entries, years_text

# Columns of the gantt frame.
LABEL = "label"
TYPE_LABEL = "type_label"
START = "start"
END = "end"  # the last year drawn: the end year, or this year while the partnership runs
ONGOING = "ongoing"
YEARS = "years"  # "2007–2015" or "since 2007", for the tooltip
COLOR = "color"
SHAPE = "shape"  # the type's shape name in partnerships/style.py
# Columns of the milestones frame.
DATE = "date"  # a fractional year: the first day of the month or year given
WHEN = "when"  # the date as written, "2010-10"
TEXT = "text"

MAX_ROWS = 60  # more bars than this stop being an overview; a note says what is left off
ROW_HEIGHT = 28  # px per partnership
MIN_HEIGHT = 200  # px
BAR_SIZE = 14  # px, the bar's thickness
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
# The names take a third of the width, at most 260 px: on a phone the bars keep room. Longer
# names end in "…" and are whole in the tooltip.
NAMES_WIDTH = f"clamp({CONTAINER} / 3, 90, 260)"
LABEL_PADDING = 14  # px between a name and its row's marker
LEGEND_COLUMNS = f"{CONTAINER} < 560 ? 1 : {CONTAINER} < 960 ? 2 : 3"
# The height is the rows' own and the title, axes and legend come on top: Streamlit's
# default (fit, padding included) would squeeze the rows into a fixed total.
FIT_WIDTH = alt.AutoSizeParams(type="fit-x", contains="padding")
# Columns the chart adds.
UNTIL = "until"  # where a bar ends: the end of its last year
YEAR = "year"
MIDDLE = "middle"

_MILESTONE = re.compile(r"([0-9]{4})(?:-([0-9]{1,2}))?\s*:\s*(.*)", re.DOTALL)


def _vega_path(outline: Outline) -> str:
    """A type's outline as an SVG path for a Vega symbol, the size of Vega's circle as on the map.

    Vega draws a circle of size s with radius sqrt(s) / 2 and a custom path at sqrt(s) / 2 per
    unit; the outlines have the area of the unit circle, so no type weighs more.
    """
    return "M" + "L".join(f"{x:.3f},{y:.3f}" for x, y in outline.points) + "Z"


# The map's shapes (partnerships/style.py); a milestone is Vega's square diamond, open.
VEGA_SHAPES = {"circle": "circle", **{name: _vega_path(outline) for name, outline in OUTLINES.items()}}


# --- The frames -----------------------------------------------------------------------------

def gantt_frame(partners: pd.DataFrame, vocabulary: Vocabulary, lang: str, today_year: int) -> pd.DataFrame:
    """One row per partnership, by start year then name, with its type's label, colour and shape.

    One still running ends this year (or in its start year, should that lie ahead).
    """
    columns = [ID, LABEL, TYPE, TYPE_LABEL, START, END, ONGOING, YEARS, COLOR, SHAPE]
    if partners.empty:
        return pd.DataFrame({column: [] for column in columns})
    styles = type_styles(vocabulary)
    start = partners[START_YEAR].astype("int64")
    ongoing = partners[END_YEAR].isna()
    frame = pd.DataFrame({
        ID: partners[ID],
        LABEL: partners[NAME],
        TYPE: partners[TYPE],
        TYPE_LABEL: partners[TYPE].map(lambda name: vocabulary.get(name).label(lang)),
        START: start,
        END: partners[END_YEAR].fillna(today_year).astype("int64").where(~ongoing, start.clip(lower=today_year)),
        ONGOING: ongoing.astype(bool),
        YEARS: [years_text(s, e, lang) for s, e in zip(start, partners[END_YEAR])],
        COLOR: partners[TYPE].map(lambda name: styles[name].color),
        SHAPE: partners[TYPE].map(lambda name: styles[name].shape),
    })
    order = frame.assign(_name=frame[LABEL].str.casefold()).sort_values([START, "_name"], kind="stable").index
    return frame.loc[order].reset_index(drop=True)


def parse_milestone(entry: str) -> tuple[float, str, str] | None:
    """'2010-10: Agreement signed' → (2010.75, '2010-10', 'Agreement signed'); None when undated.

    A date is the first day of what it names: month m of year y is y + (m - 1) / 12, a year
    alone is its 1 January. A month outside 1–12 makes the entry undated.
    """
    found = _MILESTONE.fullmatch(entry.strip())
    if not found or not found.group(3).strip():
        return None
    year, month, text = int(found.group(1)), found.group(2), found.group(3).strip()
    if month is None:
        return float(year), str(year), text
    if not 1 <= int(month) <= 12:
        return None
    return year + (int(month) - 1) / 12, f"{year}-{int(month):02d}", text


def milestones_frame(partners: pd.DataFrame) -> pd.DataFrame:
    """The dated milestones, one row each, in the file's order; undated ones are left out."""
    rows = []
    if MILESTONES in partners:
        for partner, name, cell in zip(partners[ID], partners[NAME], partners[MILESTONES]):
            for entry in milestone_entries(cell):
                parsed = parse_milestone(entry)
                if parsed:
                    rows.append((partner, name, *parsed))
    return pd.DataFrame(rows, columns=[ID, NAME, DATE, WHEN, TEXT]).astype({DATE: "float64"})


# --- The sentences --------------------------------------------------------------------------

def cap_note(gantt: pd.DataFrame, lang: str) -> str | None:
    """What is left off when there are more partnerships than the chart shows."""
    if len(gantt) <= MAX_ROWS:
        return None
    return t("timeline_capped", lang, shown=MAX_ROWS, total=len(gantt))


def timeline_summary(gantt: pd.DataFrame, lang: str) -> str:
    """E.g. '7 partnerships from 2007 to today; the longest: Aabenraa Municipality (since
    2007) and Klimapakt Flensburg (since 2007).' Of every row, not only those drawn."""
    if gantt.empty:
        return t("timeline_empty", lang)
    length = gantt[END] - gantt[START]
    longest = gantt[length == length.max()]
    names = join_words([f"{name} ({years})" for name, years in zip(longest[LABEL], longest[YEARS])], lang)
    if len(gantt) == 1:
        return t("timeline_summary_one", lang, longest=names)
    last = t("timeline_today", lang) if gantt[ONGOING].any() else str(int(gantt[END].max()))
    return plural("timeline_summary", len(longest), lang, partnerships=plural("n_partnerships", len(gantt), lang),
                  first=int(gantt[START].min()), last=last, longest=names)


# --- The chart ------------------------------------------------------------------------------

def chart_height(rows: int) -> int:
    return max(MIN_HEIGHT, ROW_HEIGHT * rows)


def _px(expression: str) -> dict[str, str]:
    """A size worked out in the browser from the chart's container: one spec, phone or projector."""
    return {"expr": expression}


def _year_axis(first: int, last: int, title: str | None, orient: Literal["top", "bottom"]) -> alt.Axis:
    """Years as spans: a grid line where a year begins, its number in the middle of it.

    Every year when there is room, else every 2nd, 5th, 10th or 20th: numbers stay YEAR_SPACING apart.
    """
    per_year = f"((width - {2 * EDGE}) / {last - first})"
    choices = [f"{per_year} * {n} >= {YEAR_SPACING} ? {n}" for n in YEAR_STEPS[:-1]]
    step = f"({' : '.join(choices)} : {YEAR_STEPS[-1]})"
    return alt.Axis(title=title, orient=orient, format="d", grid=orient == "bottom", ticks=False, domain=False,
                    values=_px(f"sequence({step} * ceil({first} / {step}), {last}, {step})"),
                    labelOffset=_px(f"{per_year} / 2"), labelOverlap=False)


def _years(field: str, first: int, last: int, axis: alt.Axis | None = None) -> alt.X:
    """The year scale every layer shares; its padding leaves room for the first marker and the last arrow."""
    scale = alt.Scale(domain=[first, last], nice=False, zero=False, padding=EDGE)
    return alt.X(f"{field}:Q", axis=axis, scale=scale)


def _partner_axis(rows: pd.DataFrame) -> alt.Y:
    """Rows by id in start order, labelled with the names, so two partners of one name keep two rows."""
    names = js_json(dict(zip(rows[ID], rows[LABEL])))
    axis = alt.Axis(labelExpr=f"{names}[datum.value]", labelLimit=_px(f"{NAMES_WIDTH} - {LABEL_PADDING}"),
                    labelPadding=LABEL_PADDING, minExtent=_px(NAMES_WIDTH), maxExtent=_px(NAMES_WIDTH),
                    ticks=False, domain=False)
    return alt.Y(f"{ID}:N", sort=list(rows[ID]), title=None, axis=axis)


def _room_below(types: int) -> dict[str, str]:
    """Padding under the year axis for the legend: one placed by hand is not counted in the chart's size."""
    rows = f"ceil({types} / ({LEGEND_COLUMNS}))"
    return _px(f"{{left: 5, top: 5, right: 5, bottom: {LEGEND_TITLE} + {rows} * {LEGEND_ROW} + 12}}")


def _type_encodings(rows: pd.DataFrame, lang: str) -> tuple[alt.Color, alt.Shape]:
    """Each type's colour and shape, as on the map, in one legend: in the order the types began.

    The legend starts at the chart's left edge, under the names, so a phone has the whole
    width for its labels.
    """
    looks = rows.drop_duplicates(TYPE_LABEL)
    title, domain = t("legend_title", lang), list(looks[TYPE_LABEL])
    legend = alt.Legend(orient="none", legendX=_px(f"-{NAMES_WIDTH}"), legendY=_px(f"height + {LEGEND_GAP}"),
                        direction="horizontal", columns=_px(LEGEND_COLUMNS), symbolSize=MARKER_SIZE,
                        symbolStrokeWidth=0, labelLimit=_px(f"{CONTAINER} - 40"))
    color = alt.Color(f"{TYPE_LABEL}:N", title=title, scale=alt.Scale(domain=domain, range=list(looks[COLOR])),
                      legend=legend)
    shape = alt.Shape(f"{TYPE_LABEL}:N", title=title,
                      scale=alt.Scale(domain=domain, range=[VEGA_SHAPES.get(s, "circle") for s in looks[SHAPE]]))
    return color, shape


def gantt_chart(gantt: pd.DataFrame, milestones: pd.DataFrame, selected_year: int, lang: str) -> alt.LayerChart:
    """Bars from each partnership's first year to its last, its milestones on it, the chosen year marked.

    Only the first MAX_ROWS rows are drawn (see cap_note). The chosen year's line runs
    through the middle of that year, so the bars it crosses are exactly those active then.
    """
    rows = gantt.head(MAX_ROWS).assign(**{UNTIL: lambda f: f[END] + 1})
    points = milestones[milestones[ID].isin(rows[ID])]
    first = int(min([*rows[START], selected_year]))
    last = int(max([*rows[UNTIL], selected_year + 1]))
    y = _partner_axis(rows)
    color, shape = _type_encodings(rows, lang)
    name_title = t("col_name", lang)
    tooltip = [alt.Tooltip(f"{LABEL}:N", title=name_title),
               alt.Tooltip(f"{TYPE_LABEL}:N", title=t("legend_title", lang)),
               alt.Tooltip(f"{YEARS}:N", title=t("years", lang))]

    base = alt.Chart(rows).encode(y=y, tooltip=tooltip)
    layers = [
        base.mark_bar(size=BAR_SIZE).encode(
            x=_years(START, first, last, _year_axis(first, last, t("timeline_axis_year", lang), "bottom")),
            x2=f"{UNTIL}:Q", color=color),
        base.mark_point(filled=True, opacity=1, size=MARKER_SIZE, stroke="white", strokeWidth=1,
                        xOffset=MARKER_OFFSET).encode(x=_years(START, first, last), color=color, shape=shape),
        base.transform_filter(alt.datum[ONGOING]).mark_point(
            shape="triangle-right", filled=True, opacity=1, size=ARROW_SIZE, xOffset=ARROW_OFFSET,
        ).encode(x=_years(UNTIL, first, last), color=alt.Color(f"{TYPE_LABEL}:N", legend=None)),
    ]
    if len(points):
        layers.append(alt.Chart(points).mark_point(
            shape="diamond", filled=True, fill="white", stroke=HOME, strokeWidth=1.5, size=MILESTONE_SIZE, opacity=1,
        ).encode(x=_years(DATE, first, last), y=y, tooltip=[
            alt.Tooltip(f"{NAME}:N", title=name_title), alt.Tooltip(f"{WHEN}:N", title=t("timeline_date", lang)),
            alt.Tooltip(f"{TEXT}:N", title=t("milestones", lang))]))
    # The years again on top, for a long list; the chosen year's number above them.
    chosen = alt.Chart(pd.DataFrame({YEAR: [selected_year], MIDDLE: [selected_year + 0.5]})).encode(
        tooltip=[alt.Tooltip(f"{YEAR}:O", title=t("timeline_chosen_year", lang))])
    layers += [
        chosen.mark_rule(color=HOME, strokeDash=[5, 4], strokeWidth=1.5).encode(
            x=_years(MIDDLE, first, last, _year_axis(first, last, None, "top"))),
        chosen.mark_text(color=HOME, baseline="bottom", dy=CHOSEN_LABEL_DY, fontSize=FONT_SIZE, fontWeight="bold")
        .encode(x=_years(MIDDLE, first, last), y=alt.value(0), text=f"{YEAR}:O"),
    ]
    return (
        alt.layer(*layers).resolve_axis(x="independent")
        .properties(title=t("timeline_chart_title", lang), description=timeline_summary(gantt, lang),
                    width="container", height=chart_height(len(rows)), autosize=FIT_WIDTH,
                    padding=_room_below(rows[TYPE_LABEL].nunique()))
        .configure_axis(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE, gridColor=GRID)
        .configure_axisY(grid=False)
        .configure_title(fontSize=_px(f"{CONTAINER} < 560 ? {FONT_SIZE + 1} : {TITLE_SIZE}"), anchor="start",
                         offset=TITLE_OFFSET)
        .configure_legend(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE)
        .configure_view(stroke=None)
    )
