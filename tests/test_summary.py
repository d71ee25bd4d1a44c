"""The view in words, in both languages."""
from __future__ import annotations

import pandas as pd
import pytest

from partnerships.filtering import View, YearMode, filter_partners
from partnerships.loading import load_partners
from partnerships.summary import describe_view, join_words
from tests.conftest import SHIPPED_CSV


@pytest.fixture(scope="module")
def shipped():
    return load_partners(SHIPPED_CSV)


def _describe(shipped, year, lang, mode=YearMode.ACTIVE, types=None):
    view = View(tuple(types or shipped.vocabulary.names), year, mode)
    return describe_view(filter_partners(shipped.partners, view), view, shipped.vocabulary, lang)


@pytest.mark.parametrize(("year", "lang", "text"), [
    (2013, "en", "In 2013, 7 partnerships were active in 4 countries; 1 began that year: Haiyan County (China)."),
    (2013, "da", "I 2013 var 7 partnerskaber aktive i 4 lande; 1 begyndte det år: Haiyan Amt (Kina)."),
    (2010, "en", "In 2010, 4 partnerships were active in 3 countries; 2 began that year: WWF (Denmark) and "
                 "City of Baoding (China)."),
    (2006, "en", "In 2006, no partnerships were active."),
    (2006, "da", "I 2006 var ingen partnerskaber aktive."),
    (2014, "en", "In 2014, 7 partnerships were active in 4 countries; none began that year."),
    (2020, "en", "In 2020, the map shows 7 partnerships in 4 countries; the status of 7 partnerships in 4 countries is "
                 "unknown after 2014, the last year a source confirms; none began that year."),
    (2026, "da", "I 2026 viser kortet 7 partnerskaber i 4 lande; status for 7 partnerskaber i 4 lande er "
                 "ukendt efter 2014, det sidste år en kilde bekræfter; ingen begyndte det år."),
])
def test_describe_the_shipped_data(shipped, year, lang, text):
    assert _describe(shipped, year, lang) == text


def test_begun_by_counts_everything_that_began(shipped):
    assert _describe(shipped, 2026, "en", YearMode.BEGUN).startswith("By 2026, 7 partnerships had begun in 4 countries;")


def _undated(shipped, dated: int):
    """The shipped partners with every start year but the first `dated` ones emptied."""
    partners = shipped.partners.copy()
    partners.loc[partners.index[dated:], "start_year"] = pd.NA
    return partners.drop(columns="confirmed")


@pytest.mark.parametrize(("dated", "lang", "text"), [
    (1, "en", "In 2020, the map shows 7 partnerships in 4 countries; 1 of them is confirmed active that year; "
              "6 of them have no known start year; none began that year."),
    (0, "da", "I 2020 viser kortet 7 partnerskaber i 4 lande; 7 af dem har intet kendt startår; ingen begyndte det år."),
])
def test_a_list_without_years_is_counted_whole_with_its_unknown_years_a_part(shipped, dated, lang, text):
    view = View(tuple(shipped.vocabulary.names), 2020, YearMode.ACTIVE)
    partners = _undated(shipped, dated)
    assert describe_view(filter_partners(partners, view), view, shipped.vocabulary, lang) == text


def test_one_partnership_and_named_types(shipped):
    text = _describe(shipped, 2013, "da", YearMode.BEGUN, types=["Urbanisation partnership"])
    assert text == ("Senest i 2013 var 1 partnerskab begyndt i 1 land; 1 begyndte det år: Haiyan Amt (Kina). "
                    "Viste typer: Urbaniseringspartnerskab.")


@pytest.mark.parametrize(("items", "text"), [
    ([], ""), (["A"], "A"), (["A", "B"], "A and B"), (["A", "B", "C"], "A, B and C"),
    ([str(i) for i in range(8)], "0, 1, 2, 3, 4 and 3 more"),
])
def test_join_words(items, text):
    assert join_words(items, "en") == text


def test_names_cannot_inject_markdown_on_the_page(shipped):
    from partnerships.escape import markdown_text

    partners = shipped.partners.copy()
    partners.loc[partners["id"] == "haiyan", "name"] = "![t](https://tracker.example/p.png) [Click](https://evil.example)"
    view = View(tuple(shipped.vocabulary.names), 2013, YearMode.ACTIVE)
    shown = filter_partners(partners, view)
    escaped = markdown_text(describe_view(shown, view, shipped.vocabulary, "en"))
    assert "](" not in escaped.replace("\\]\\(", "")
