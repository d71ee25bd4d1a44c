"""The view in words: what the map shows, as a sentence for readers and screen readers."""
from __future__ import annotations

import pandas as pd

from partnerships.columns import CONFIRMED, COUNTRY_CODE, NAME, SOURCE, START_YEAR, country_name_column
from partnerships.filtering import View, YearMode, count, unknown_after
from partnerships.i18n import plural, t
from partnerships.vocabulary import Vocabulary
from partnerships.wording import localised

MAX_NAMED = 5
MAX_SOURCES = 3


def join_words(items: list[str], lang: str) -> str:
    """'A', 'A and B', 'A, B and C'; long lists end in '… and 3 more'."""
    if len(items) > MAX_NAMED:
        items = items[:MAX_NAMED] + [t("and_more", lang, n=len(items) - MAX_NAMED)]
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {t('and', lang)} {items[-1]}"


def describe_view(shown: pd.DataFrame, view: View, vocabulary: Vocabulary, lang: str) -> str:
    """E.g. 'In 2013, 7 partnerships were active in 4 countries; 1 began that year: Haiyan
    County (China).' Counted by the rule of `filtering.Counts`: every partnership the map shows,
    with those of unknown status or start year named as parts of it; types are named when not
    all of them are shown."""
    counts = count(shown, view.year)
    active = view.mode is YearMode.ACTIVE
    if counts.partnerships == 0:
        return t("summary_none_active" if active else "summary_none_begun", lang, year=view.year) + "." + \
            _types_sentence(view, vocabulary, lang)
    n = counts.partnerships
    values = {"year": view.year, "partnerships": plural("n_partnerships", n, lang),
              "countries": plural("n_countries", counts.countries, lang)}
    certain = counts.known if active else n - counts.year_unknown  # what the plain sentence may claim of all
    if certain == n:
        text = plural("summary_active" if active else "summary_begun", n, lang, **values)
    else:
        text = t("summary_shown" if active else "summary_shown_begun", lang, **values)
        if certain:
            text += plural("summary_part_active" if active else "summary_part_begun", certain, lang)
    if counts.unknown:
        first, last = unknown_after(shown, view.year)
        text += t("summary_unknown", lang, partnerships=plural("n_partnerships", counts.unknown, lang),
                  countries=plural("n_countries", counts.unknown_countries, lang),
                  since=str(last) if first == last else f"{first}–{last}")
    if counts.year_unknown:
        text += plural("summary_year_unknown", counts.year_unknown, lang)
    began = shown[shown[START_YEAR] == view.year]
    country = began[country_name_column(lang)] if COUNTRY_CODE in began else []
    names = [f"{name} ({where})" for name, where in zip(localised(began, NAME, lang), country)]
    text += t("summary_new", lang, n=len(names), names=join_words(names, lang)) if names else t("summary_no_new", lang)
    return text + _types_sentence(view, vocabulary, lang)


def _types_sentence(view: View, vocabulary: Vocabulary, lang: str) -> str:
    if list(view.types) == vocabulary.names:
        return ""
    labels = [vocabulary.get(name).label(lang) for name in view.types]
    return t("summary_types", lang, types=join_words(labels, lang) or "—")


def sources_line(partners: pd.DataFrame, lang: str) -> str:
    """Where the data comes from, as a picture or handout credits it: the `source` column's
    sources, and 'as of' the latest year a source confirms (`confirmed`); '' when neither is given."""
    sources = partners[SOURCE].dropna().astype(str).str.strip() if SOURCE in partners and len(partners) else []
    named = list(dict.fromkeys(source for source in sources if source))
    if len(named) > MAX_SOURCES:
        named = named[:MAX_SOURCES] + [t("and_more", lang, n=len(named) - MAX_SOURCES)]
    latest = partners[CONFIRMED].max() if CONFIRMED in partners and len(partners) else None
    if not named:
        return t("data_as_of", lang, year=int(latest)) if pd.notna(latest) and latest is not None else ""
    if latest is None or pd.isna(latest):
        return t("data_source", lang, source="; ".join(named))
    return t("data_source_as_of", lang, source="; ".join(named), year=int(latest))
