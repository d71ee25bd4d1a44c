"""The charts page's numbers, drawings and sentences, from the partners in view.

Plain pandas and Altair, no Streamlit: the page only lays them out. Each chart is a tidy frame
(what is drawn), a chart of it, and one sentence saying what it shows, for readers who
cannot see the chart. Counts are written on the bars, so colour never carries meaning alone.
Every chart has one count axis. Partners in the home city's own country are counted apart from
the international ones (settings.HomeCity.country_code), and partnerships past the last year a
source confirms them apart from the active ones (filtering.status_unknown).
"""
from __future__ import annotations

from collections.abc import Collection
from enum import Enum

import altair as alt
import pandas as pd

from geo.continents import continent_of
from partnerships.columns import COUNTRY_CODE, START_YEAR, TYPE, country_name_column
from partnerships.filtering import View, YearMode, in_view, of_types, status_unknown, year_range
from partnerships.i18n import plural, t
from partnerships.style import BORDER, CHART_DARK, CHART_HOME, CHART_MID, CHART_PALE, HOME, type_colors
from partnerships.summary import join_words
from partnerships.vocabulary import Vocabulary

# Columns of the tidy frames.
LABEL = "label"
COUNT = "count"
COLOR = "color"
YEAR = "year"
ACTIVE = "active"
BEGUN = "begun"
UNKNOWN = "unknown"  # active by the file, but after the last year a source confirms
SERIES = "series"  # in the year chart's spec only: which part of a year's bar
ORDER = "order"  # and where that part is stacked, from the bottom

TOP_PLACES = 15  # more bars than this stop being readable on a phone; the rest are "Other"
PLACE_COLOR = CHART_DARK  # no type colour: a palette colour means a type (style.py)
HOME_COLOR = CHART_HOME
OTHER_COLOR = BORDER
ACTIVE_COLOR = CHART_MID
BEGUN_COLOR = CHART_DARK
UNKNOWN_COLOR = CHART_PALE
BAR_STEP = 34  # px per bar of a horizontal bar chart
YEAR_HEIGHT = 380  # px, all of it: Streamlit fits the title, axes and legend inside
LABEL_LIMIT = 240  # px; longer axis labels end in "…" and are whole in the tooltip
FONT_SIZE = 14
TITLE_SIZE = 17
LEGEND_COLUMNS = "containerSize()[0] < 480 ? 2 : 3"  # on a phone the third entry takes a line of its own


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


def at_home(shown: pd.DataFrame, home: str | None) -> pd.Series:
    """True for partners in the home city's country (settings.home().country_code)."""
    return shown[COUNTRY_CODE].eq(home) if home and len(shown) else pd.Series(False, index=shown.index)


def home_label(shown: pd.DataFrame, lang: str) -> str:
    """'Denmark (home)': the home country as its partners' rows name it."""
    return t("chart_home", lang, country=shown[country_name_column(lang)].iloc[0])


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


def by_place(shown: pd.DataFrame, grouping: Grouping, lang: str, home: str | None = None,
             top: int = TOP_PLACES) -> pd.DataFrame:
    """The home country first, in its own colour; then the `top` countries or continents of the
    international partners by partnerships, then "Other" for the rest."""
    home_rows = at_home(shown, home)
    abroad = shown[~home_rows]
    ranked = _ranked(abroad, grouping, lang).head(top).assign(**{COLOR: PLACE_COLOR})
    rest = len(abroad) - int(ranked[COUNT].sum())  # places past the top, and any unknown continent
    parts = [ranked]
    if home_rows.any():
        label = home_label(shown[home_rows], lang)
        parts.insert(0, pd.DataFrame({LABEL: [label], COUNT: [int(home_rows.sum())], COLOR: [HOME_COLOR]}))
    if rest:
        parts.append(pd.DataFrame({LABEL: [t("chart_other", lang)], COUNT: [rest], COLOR: [OTHER_COLOR]}))
    return pd.concat(parts, ignore_index=True).astype({COUNT: "int64"})


def by_year(partners: pd.DataFrame, view: View) -> pd.DataFrame:
    """Per year up to the view's year, the partnerships of its types active then (as a source
    confirms them), begun then, and of unknown status then (after their last confirmed year).

    The year mode does not apply: a timeline shows both. The years start at the first
    partnership of any type, as the year slider does, so the axis holds while types change.
    Empty when none of these types had begun by the view's year.
    """
    typed = of_types(partners, view.types)
    if typed.empty or not (typed[START_YEAR] <= view.year).any():
        return pd.DataFrame({YEAR: [], ACTIVE: [], BEGUN: [], UNKNOWN: []}, dtype="int64")
    first, _ = year_range(partners, view.year)
    years = range(first, view.year + 1)
    active, unknown = [], []
    for year in years:
        running = in_view(typed, View(view.types, year, YearMode.ACTIVE))
        doubtful = status_unknown(typed, year).astype(bool) & running
        active.append(int((running & ~doubtful).sum()))
        unknown.append(int(doubtful.sum()))
    begun = typed[START_YEAR].value_counts().reindex(years, fill_value=0)
    return pd.DataFrame({YEAR: list(years), ACTIVE: active, BEGUN: begun.to_numpy(dtype="int64"), UNKNOWN: unknown})


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


def place_summary(shown: pd.DataFrame, grouping: Grouping, lang: str, home: str | None = None) -> str:
    """From every place, not only the top ones drawn: "Other" is never the answer. Partners at
    home are counted apart: the leader is the leader abroad."""
    if shown.empty:
        return t("chart_empty", lang)
    home_rows = at_home(shown, home)
    if not home_rows.any():
        ranked = _ranked(shown, grouping, lang)
        return _leaders_sentence(ranked[LABEL], ranked[COUNT], "chart_place_summary", lang, total=len(shown))
    country = shown.loc[home_rows, country_name_column(lang)].iloc[0]
    if home_rows.all():
        return plural("chart_place_all_home", len(shown), lang, country=country)
    ranked = _ranked(shown[~home_rows], grouping, lang)
    return _leaders_sentence(ranked[LABEL], ranked[COUNT], "chart_place_abroad", lang, total=len(shown),
                             abroad=int((~home_rows).sum()), home=int(home_rows.sum()), country=country)


def year_summary(years: pd.DataFrame, lang: str) -> str:
    """The chosen year's count, and the years the most began. Past the last year a source confirms,
    the partnerships nobody confirms are counted apart, not as active."""
    if years.empty:
        return t("chart_empty", lang)
    last = years.iloc[-1]
    unknown = int(last[UNKNOWN])
    key = "chart_year_summary_unknown" if unknown else "chart_year_summary"
    return _leaders_sentence(years[YEAR], years[BEGUN], key, lang, year=int(last[YEAR]), active=int(last[ACTIVE]),
                             unknown=unknown)


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


def _year_parts(years: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The year chart's bars in long form: per year, those begun earlier (at the bottom), those of
    unknown status, those begun that year (on top). Unknown status only when some year has it."""
    parts = [(t("chart_earlier", lang), years[ACTIVE] - years[BEGUN]), (t("chart_unknown", lang), years[UNKNOWN]),
             (t("chart_begun", lang), years[BEGUN])]
    frames = [pd.DataFrame({YEAR: years[YEAR], SERIES: name, COUNT: counts, ORDER: order})
              for order, (name, counts) in enumerate(parts) if order != 1 or counts.any()]
    return pd.concat(frames, ignore_index=True).astype({COUNT: "int64"})


def year_chart(years: pd.DataFrame, year: int, lang: str) -> alt.TopLevelMixin:
    """One bar a year of the partnerships active then, on one axis, the chosen year marked.

    The part begun that year sits on top of those begun earlier, so the bar's height is what
    ran and its cap what was new. Past the last year a source confirms a partnership, it is
    drawn pale as of unknown status rather than counted as active. Pointing at a year shows
    its numbers.
    """
    begun, earlier, unknown = t("chart_begun", lang), t("chart_earlier", lang), t("chart_unknown", lang)
    parts = _year_parts(years, lang)
    colors = {earlier: ACTIVE_COLOR, unknown: UNKNOWN_COLOR, begun: BEGUN_COLOR}
    domain = [name for name in (begun, earlier, unknown) if name in set(parts[SERIES])]  # the legend: top first
    x = alt.X(f"{YEAR}:O", title=t("chart_year", lang), axis=alt.Axis(labelAngle=0, labelOverlap="parity"))
    count_title = t("chart_count", lang)
    bars = alt.Chart(parts).mark_bar(width=alt.RelativeBandSize(0.7)).encode(
        x=x,
        y=alt.Y(f"{COUNT}:Q", stack="zero", title=count_title,
                axis=alt.Axis(tickMinStep=1, format="d", labelFlush=False)),
        color=alt.Color(f"{SERIES}:N", title=None, scale=alt.Scale(domain=domain, range=[colors[n] for n in domain]),
                        legend=alt.Legend(orient="bottom", symbolType="square", symbolSize=160, symbolStrokeWidth=0,
                                          columns={"expr": LEGEND_COLUMNS})),
        order=alt.Order(f"{ORDER}:Q"),
    )
    hover = alt.selection_point(fields=[YEAR], nearest=True, on="pointerover", clear="pointerout", empty=False)
    tooltip = [alt.Tooltip(f"{YEAR}:O", title=t("chart_year", lang)),
               alt.Tooltip(f"{ACTIVE}:Q", title=t("chart_active", lang)), alt.Tooltip(f"{BEGUN}:Q", title=begun)]
    if unknown in domain:
        tooltip.append(alt.Tooltip(f"{UNKNOWN}:Q", title=unknown))
    pointer = alt.Chart(years).mark_rule(color=BORDER, strokeWidth=2).encode(
        x=x, opacity=alt.when(hover).then(alt.value(1)).otherwise(alt.value(0)), tooltip=tooltip,
    ).add_params(hover)
    # The axis may skip the chosen year's label for room; the rule carries its own.
    marker = alt.Chart(pd.DataFrame({YEAR: [year]})).encode(
        x=x, tooltip=[alt.Tooltip(f"{YEAR}:O", title=t("chart_chosen_year", lang))])
    rule = marker.mark_rule(color=HOME, strokeDash=[5, 4], strokeWidth=1.5)
    label = marker.mark_text(color=HOME, align="right", baseline="bottom", dy=-4, fontSize=FONT_SIZE,
                             fontWeight="bold").encode(y=alt.value(0), text=f"{YEAR}:O")
    return _finish(alt.layer(bars, pointer, rule, label).properties(height=YEAR_HEIGHT), t("chart_year_title", lang))
