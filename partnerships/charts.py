"""The charts page's numbers, drawings and sentences, from the partners in view.

Plain pandas and Altair, no Streamlit: the page only lays them out. Each chart is a tidy frame
(what is drawn), a chart of it, and one sentence saying what it shows, for readers who
cannot see the chart. Counts are written on the bars, so colour never carries meaning alone.
"""
from __future__ import annotations

import json
from collections.abc import Collection
from enum import Enum

import altair as alt
import pandas as pd

from geo.continents import continent_of
from partnerships.columns import COUNTRY_CODE, START_YEAR, TYPE, country_name_column
from partnerships.filtering import View, YearMode, in_view, of_types, year_range
from partnerships.i18n import t
from partnerships.style import BORDER, HOME, PALETTE, type_colors
from partnerships.summary import join_words
from partnerships.vocabulary import Vocabulary

# Columns of the tidy frames.
LABEL = "label"
COUNT = "count"
COLOR = "color"
YEAR = "year"
ACTIVE = "active"
BEGUN = "begun"
SERIES = "series"  # in the year chart's spec only: which of the two a mark shows

TOP_PLACES = 15  # more bars than this stop being readable on a phone; the rest are "Other"
PLACE_COLOR = PALETTE[0]
OTHER_COLOR = BORDER
ACTIVE_COLOR = PALETTE[0]
BEGUN_COLOR = PALETTE[1]
BAR_STEP = 34  # px per bar of a horizontal bar chart
BEGUN_HEADROOM = 2  # the begun axis runs to twice the most begun in a year
YEAR_HEIGHT = 380  # px, all of it: Streamlit fits the title, axes and legend inside
LABEL_LIMIT = 240  # px; longer axis labels end in "…" and are whole in the tooltip
FONT_SIZE = 14
TITLE_SIZE = 17


class Grouping(str, Enum):
    COUNTRY = "country"
    CONTINENT = "continent"


# --- The tidy frames ------------------------------------------------------------------------

def by_type(shown: pd.DataFrame, vocabulary: Vocabulary, types: Collection[str], lang: str) -> pd.DataFrame:
    """Partnerships per chosen type (zero included), in the types file's order and colours."""
    colors = type_colors(vocabulary)
    names = [name for name in vocabulary.names if name in types]
    counts = shown[TYPE].value_counts() if len(shown) else pd.Series(dtype="int64")
    return pd.DataFrame({
        LABEL: [vocabulary.get(name).label(lang) for name in names],
        COUNT: [int(counts.get(name, 0)) for name in names],
        COLOR: [colors[name] for name in names],
    })


def continent_name(country_code: str, lang: str) -> str | None:
    continent = continent_of(country_code)
    return t(f"continent_{continent}", lang) if continent else None


def _ranked(shown: pd.DataFrame, grouping: Grouping, lang: str) -> pd.DataFrame:
    """Partnerships per country or continent named in `lang`, most first, then by name."""
    if shown.empty:
        return pd.DataFrame({LABEL: pd.Series(dtype="str"), COUNT: pd.Series(dtype="int64")})
    if grouping is Grouping.COUNTRY:
        labels = shown[country_name_column(lang)]
    else:
        codes = shown[COUNTRY_CODE]
        labels = codes.map({code: continent_name(code, lang) for code in codes.unique()})
    frame = labels.value_counts().rename_axis(LABEL).reset_index(name=COUNT)
    return frame.sort_values([COUNT, LABEL], ascending=[False, True], ignore_index=True).astype({COUNT: "int64"})


def by_place(shown: pd.DataFrame, grouping: Grouping, lang: str, top: int = TOP_PLACES) -> pd.DataFrame:
    """The `top` countries or continents by partnerships, then "Other" for the rest."""
    ranked = _ranked(shown, grouping, lang).head(top).assign(**{COLOR: PLACE_COLOR})
    rest = len(shown) - int(ranked[COUNT].sum())  # places past the top, and any unknown continent
    if rest:
        other = pd.DataFrame({LABEL: [t("chart_other", lang)], COUNT: [rest], COLOR: [OTHER_COLOR]})
        ranked = pd.concat([ranked, other], ignore_index=True)
    return ranked


def by_year(partners: pd.DataFrame, view: View) -> pd.DataFrame:
    """Per year up to the view's year, the partnerships of its types active then and begun then.

    The year mode does not apply: a timeline shows both. The years start at the first
    partnership of any type, as the year slider does, so the axis holds while types change.
    Empty when none of these types had begun by the view's year.
    """
    typed = of_types(partners, view.types)
    if typed.empty or not (typed[START_YEAR] <= view.year).any():
        return pd.DataFrame({YEAR: [], ACTIVE: [], BEGUN: []}, dtype="int64")
    first, last = year_range(partners, view.year)
    years = range(first, last + 1)
    active = [int(in_view(typed, View(view.types, year, YearMode.ACTIVE)).sum()) for year in years]
    begun = typed[START_YEAR].value_counts().reindex(years, fill_value=0)
    return pd.DataFrame({YEAR: list(years), ACTIVE: active, BEGUN: begun.to_numpy(dtype="int64")})


# --- The sentences --------------------------------------------------------------------------

def _leaders_sentence(labels: pd.Series, counts: pd.Series, key: str, lang: str, **values: object) -> str:
    """The sentence `key` about the largest count; `key`_tied when several share it."""
    top = int(counts.max())
    leaders = [str(label) for label in labels[counts == top]]
    return t(key if len(leaders) == 1 else f"{key}_tied", lang, leaders=join_words(leaders, lang), count=top, **values)


def type_summary(types: pd.DataFrame, lang: str) -> str:
    total = int(types[COUNT].sum())
    if not total:
        return t("chart_empty", lang)
    return _leaders_sentence(types[LABEL], types[COUNT], "chart_type_summary", lang, total=total)


def place_summary(shown: pd.DataFrame, grouping: Grouping, lang: str) -> str:
    """From every place, not only the top ones drawn: "Other" is never the answer."""
    ranked = _ranked(shown, grouping, lang)
    if ranked.empty:
        return t("chart_empty", lang)
    return _leaders_sentence(ranked[LABEL], ranked[COUNT], "chart_place_summary", lang, total=len(shown))


def year_summary(years: pd.DataFrame, lang: str) -> str:
    if years.empty:
        return t("chart_empty", lang)
    last = years.iloc[-1]
    return _leaders_sentence(years[YEAR], years[BEGUN], "chart_year_summary", lang,
                             year=int(last[YEAR]), active=int(last[ACTIVE]))


# --- The charts -----------------------------------------------------------------------------

def _finish(chart: alt.TopLevelMixin, title: str) -> alt.TopLevelMixin:
    """Title (also the accessible name), the container's width and readable type sizes."""
    return (
        chart.properties(title=title, description=title, width="container")
        .configure_axis(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE, labelLimit=LABEL_LIMIT)
        .configure_title(fontSize=TITLE_SIZE, anchor="start", offset=12)
        .configure_legend(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE)
        .configure_view(stroke=None)
    )


def _count_axis(counts: pd.Series, lang: str) -> alt.X:
    """Whole numbers, with room past the longest bar for its count."""
    most = int(counts.max()) if len(counts) else 0
    return alt.X(f"{COUNT}:Q", title=t("chart_count", lang),
                 scale=alt.Scale(domain=[0, max(1, most + max(1, most // 8))], nice=False),
                 axis=alt.Axis(tickMinStep=1, format="d"))


def _bars(data: pd.DataFrame, label_title: str, title: str, lang: str) -> alt.TopLevelMixin:
    """Horizontal bars in the frame's order and colours, each with its count written beside it.

    The labels need no axis title (the chart's title says what they are): on a phone the
    width goes to the bars.
    """
    base = alt.Chart(data).encode(
        y=alt.Y(f"{LABEL}:N", sort=None, title=None),
        x=_count_axis(data[COUNT], lang),
        tooltip=[alt.Tooltip(f"{LABEL}:N", title=label_title), alt.Tooltip(f"{COUNT}:Q", title=t("chart_count", lang))],
    )
    bars = base.mark_bar().encode(color=alt.Color(f"{COLOR}:N", scale=None))
    counts = base.mark_text(align="left", dx=5, fontSize=FONT_SIZE).encode(text=f"{COUNT}:Q")
    return _finish((bars + counts).properties(height=alt.Step(BAR_STEP)), title)


def type_chart(types: pd.DataFrame, lang: str) -> alt.TopLevelMixin:
    return _bars(types, t("chart_type", lang), t("chart_type_title", lang), lang)


def place_chart(places: pd.DataFrame, grouping: Grouping, lang: str) -> alt.TopLevelMixin:
    return _bars(places, t(f"chart_{grouping.value}", lang), t(f"chart_{grouping.value}_title", lang), lang)


def year_chart(years: pd.DataFrame, year: int, lang: str) -> alt.TopLevelMixin:
    """Partnerships active as an area (left axis), those begun as bars (right axis), the chosen year marked.

    Two axes, each titled and coloured as its series, because a year begins a few while
    dozens run: on one axis the bars would vanish. The bars keep to the lower half, under
    the line they would otherwise hide. Pointing anywhere shows that year's numbers.
    """
    active, begun, chosen = t("chart_active", lang), t("chart_begun", lang), t("chart_chosen_year", lang)
    x = alt.X(f"{YEAR}:O", title=t("chart_year", lang), axis=alt.Axis(labelAngle=0, labelOverlap="parity"))
    whole = {"tickMinStep": 1, "format": "d", "labelFlush": False}  # flush labels would sit off their ticks
    # Vega-Lite gives a legend only to a field: each layer names its series in a constant one.
    series = alt.Color(f"{SERIES}:N", title=None,
                       scale=alt.Scale(domain=[active, begun], range=[ACTIVE_COLOR, BEGUN_COLOR]),
                       legend=alt.Legend(orient="bottom", symbolSize=160, symbolOpacity=1))
    hover = alt.selection_point(fields=[YEAR], nearest=True, on="pointerover", clear="pointerout", empty=False)
    shown_on_hover = alt.when(hover).then(alt.value(1)).otherwise(alt.value(0))
    base = alt.Chart(years).encode(x=x)
    running = base.transform_calculate(**{SERIES: json.dumps(active)}).encode(color=series)
    # Area, bars, then the line on top: the area and the line take the same scale, one axis.
    area = running.mark_area(opacity=0.15).encode(
        y=alt.Y(f"{ACTIVE}:Q", title=active, axis=alt.Axis(titleColor=ACTIVE_COLOR, **whole)))
    line = running.encode(y=alt.Y(f"{ACTIVE}:Q", axis=None))
    line = line.mark_line(strokeWidth=2.5) + line.mark_point(filled=True, size=80).encode(opacity=shown_on_hover)
    bars = base.transform_calculate(**{SERIES: json.dumps(begun)}).mark_bar(width=alt.RelativeBandSize(0.6)).encode(
        y=alt.Y(f"{BEGUN}:Q", title=begun, scale=alt.Scale(domainMax=BEGUN_HEADROOM * max(1, int(years[BEGUN].max()))),
                axis=alt.Axis(orient="right", titleColor=BEGUN_COLOR, grid=False, **whole)),
        color=series)
    pointer = base.mark_rule(color=BORDER, strokeWidth=2).encode(
        opacity=shown_on_hover,
        tooltip=[alt.Tooltip(f"{YEAR}:O", title=t("chart_year", lang)),
                 alt.Tooltip(f"{ACTIVE}:Q", title=active), alt.Tooltip(f"{BEGUN}:Q", title=begun)],
    ).add_params(hover)
    # The axis may skip the chosen year's label for room; the rule carries its own.
    marker = alt.Chart(pd.DataFrame({YEAR: [year]})).encode(x=x, tooltip=[alt.Tooltip(f"{YEAR}:O", title=chosen)])
    rule = marker.mark_rule(color=HOME, strokeDash=[5, 4], strokeWidth=1.5)
    label = marker.mark_text(color=HOME, align="right", baseline="bottom", dy=-4, fontSize=FONT_SIZE,
                             fontWeight="bold").encode(y=alt.value(0), text=f"{YEAR}:O")
    layers = alt.layer(area, bars, line, pointer, rule, label).resolve_scale(y="independent")
    return _finish(layers.properties(height=YEAR_HEIGHT), t("chart_year_title", lang))
