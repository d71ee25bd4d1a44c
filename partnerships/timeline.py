"""The timeline page's rows, milestones and sentence: how the partnerships grew (the chart
of them is in timeline_chart.py).

Plain pandas, no Streamlit. A year is a span, from its first day to its last: a partnership
of 2007–2015 runs from the start of 2007 to the end of 2015, so one of a single year still
has a length, and a milestone of October 2010 lies inside 2010.
"""
from __future__ import annotations

import re

import pandas as pd

from partnerships.columns import CONFIRMED, END_YEAR, ID, MILESTONES, NAME, START_YEAR, TYPE
from partnerships.i18n import plural, t
from partnerships.style import type_styles
from partnerships.summary import join_words
from partnerships.vocabulary import Vocabulary
from partnerships.wording import localised, milestone_entries, years_text

# Columns of the gantt frame.
LABEL = "label"
TYPE_LABEL = "type_label"
START = "start"
END = "end"  # the last year drawn: the end year, or this year while the partnership runs
KNOWN_UNTIL = "known_until"  # the last year drawn in full: END, or the last confirmed year before it
ONGOING = "ongoing"
YEARS = "years"  # "2007–2015" or "since 2007", for the tooltip
COLOR = "color"
SHAPE = "shape"  # the type's shape name in partnerships/style.py
# Columns of the milestones frame.
DATE = "date"  # a fractional year: the first day of the month or year given
WHEN = "when"  # the date as written, "2010-10"
TEXT = "text"

MAX_ROWS = 60  # more bars than this stop being an overview; a note says what is left off

_MILESTONE = re.compile(r"([0-9]{4})(?:-([0-9]{1,2}))?\s*:\s*(.*)", re.DOTALL)


# --- The frames -----------------------------------------------------------------------------

def gantt_frame(partners: pd.DataFrame, vocabulary: Vocabulary, lang: str, today_year: int) -> pd.DataFrame:
    """One row per partnership, by start year then name, with its type's label, colour and shape.

    One still running ends this year (or in its start year, should that lie ahead).
    """
    columns = [ID, LABEL, TYPE, TYPE_LABEL, START, END, KNOWN_UNTIL, ONGOING, YEARS, COLOR, SHAPE]
    partners = partners[partners[START_YEAR].notna()] if len(partners) else partners  # see year_unknown
    if partners.empty:
        return pd.DataFrame({column: [] for column in columns})
    styles = type_styles(vocabulary)
    start = partners[START_YEAR].astype("int64")
    ongoing = partners[END_YEAR].isna()
    end = partners[END_YEAR].fillna(today_year).astype("int64").where(~ongoing, start.clip(lower=today_year))
    confirmed = partners[CONFIRMED] if CONFIRMED in partners else pd.Series(pd.NA, index=partners.index)
    # Past the last confirmed year a running partnership's bar fades: nobody says it goes on.
    doubtful = ongoing & confirmed.notna() & (confirmed < end)
    frame = pd.DataFrame({
        ID: partners[ID],
        LABEL: localised(partners, NAME, lang),
        TYPE: partners[TYPE],
        TYPE_LABEL: partners[TYPE].map(lambda name: vocabulary.get(name).label(lang)),
        START: start,
        END: end,
        KNOWN_UNTIL: end.where(~doubtful, confirmed.fillna(0).astype("int64")),
        ONGOING: (ongoing & ~doubtful).astype(bool),  # an arrow claims it still runs: only where a source says so
        YEARS: [years_text(s, e, lang, c) for s, e, c in zip(start, partners[END_YEAR], confirmed)],
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
    """E.g. '7 partnerships from 2007 to 2014; the longest: Aabenraa Municipality (since 2007 ·
    confirmed until 2014) and …': up to today only where a source confirms one still runs. Of
    every row, not only those drawn."""
    if gantt.empty:
        return t("timeline_empty", lang)
    length = gantt[KNOWN_UNTIL] - gantt[START]  # as far as the sources go
    longest = gantt[length == length.max()]
    names = join_words([f"{name} ({years})" for name, years in zip(longest[LABEL], longest[YEARS])], lang)
    if len(gantt) == 1:
        return t("timeline_summary_one", lang, longest=names)
    last = t("timeline_today", lang) if gantt[ONGOING].any() else str(int(gantt[KNOWN_UNTIL].max()))
    return plural("timeline_summary", len(longest), lang, partnerships=plural("n_partnerships", len(gantt), lang),
                  first=int(gantt[START].min()), last=last, longest=names)


def year_unknown(partners: pd.DataFrame, lang: str) -> list[str]:
    """The names of the partnerships whose start year nobody knows: not drawn as bars, listed."""
    if partners.empty:
        return []
    return sorted(localised(partners[partners[START_YEAR].isna()], NAME, lang), key=str.casefold)
