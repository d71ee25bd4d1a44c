"""AppTest: the charts page on its own: three charts with their sentences, or one clear message."""
from __future__ import annotations

import json

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from partnerships.settings import ROOT
from tests.conftest import GOOD_ROWS, csv_text

TIMEOUT = 60
CHART = "vega_lite_chart"  # the element type st.altair_chart adds in Streamlit 1.67


def run(**state: object) -> AppTest:
    at = AppTest.from_file(str(ROOT / "views/charts.py"), default_timeout=TIMEOUT)
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def chart_titles(at: AppTest) -> list[str]:
    return [json.loads(chart.proto.spec)["title"] for chart in at.get(CHART)]


def sentences(at: AppTest) -> list[str]:
    """The charts' sentences, without the escaping that keeps data out of Markdown."""
    return [m.value.replace("\\", "") for m in at.markdown if not m.value.startswith(":small[")]  # not the view bar


def test_three_charts_each_with_its_sentence_from_the_shipped_data():
    at = run()
    assert chart_titles(at) == ["Partnerships by type", "Partnerships by country", "Partnerships year by year"]
    assert sentences(at)[:2] == ["The most common type is Cross-border cooperation (2 of 7).",
                                 "International: 4 of 7 partnerships, the most in China (2). At home in Denmark: 3."]
    assert not at.error


def test_count_by_continent():
    at = run()
    at.button_group(key="chart_grouping").set_value("continent").run()
    assert chart_titles(at)[1] == "Partnerships by continent"
    assert "International: 4 of 7 partnerships, the most in Asia (2). At home in Denmark: 3." in sentences(at)


def test_danish():
    at = run(lang="da")
    assert at.title[0].value == "Partnerskaber i tal"
    assert chart_titles(at) == ["Partnerskaber efter type", "Partnerskaber efter land", "Partnerskaber år for år"]


def test_the_year_chart_follows_the_year_and_the_types():
    at = run(year=2010, types=["Friendship city"])
    assert len(at.get(CHART)) == 3
    assert sentences(at)[-1] == "Partnerships active in 2010: 1; the most began in 2010 (1)."


def test_no_partnership_in_view_says_so_and_draws_nothing():
    at = run(types=[])
    assert any("No partnerships match" in i.value for i in at.info)
    assert not at.get(CHART)


@pytest.mark.parametrize(("content", "expected"), [(b"", "The file is empty"), (b"id,name\nx,y\n", "missing")])
def test_unusable_file_shows_one_message_and_no_charts(monkeypatch, write_csv, content, expected):
    monkeypatch.setenv("PARTNERS_CSV", str(write_csv(content)))
    at = run()
    assert len(at.error) == 1 and expected in at.error[0].value
    assert not at.get(CHART)


def bars_of(at: AppTest, index: int) -> dict:
    """The bar layer of the index-th chart."""
    spec = json.loads(at.get(CHART)[index].proto.spec)
    return next(layer for layer in spec["layer"] if layer["mark"]["type"] == "bar")


def rows_of(at: AppTest, index: int) -> list[dict]:
    """The rows of the index-th chart (Streamlit sends them apart from the spec, as Arrow)."""
    (dataset,) = at.get(CHART)[index].proto.datasets
    return pa.ipc.open_stream(dataset.data.data).read_all().to_pylist()


def test_partners_at_home_are_a_bar_of_their_own_in_danish():
    at = run(lang="da")
    assert sentences(at)[1] == "Internationale: 4 af 7 partnerskaber, flest i Kina (2). Hjemme i Danmark: 3."
    assert [(row["label"], row["count"]) for row in rows_of(at, 1)] == [
        ("Danmark (hjemme)", 3), ("Kina", 2), ("Tyskland", 1), ("USA", 1)]


def test_the_home_country_comes_from_home_toml_when_it_names_one(monkeypatch, write_csv):
    """Sønderborg's country is found from its coordinates; a home.toml may name it instead."""
    path = write_csv(csv_text(*GOOD_ROWS))
    (path.parent / "home.toml").write_text('name = "Flensburg"\nlat = 54.78\nlon = 9.43\ncountry = "China"\n')
    monkeypatch.setenv("PARTNERS_CSV", str(path))
    at = run(year=2013)
    assert sentences(at)[1] == "International: 1 of 3 partnerships, the most in Germany (1). At home in China: 2."


def test_the_year_chart_counts_apart_what_no_source_confirms():
    at = run(year=2026)
    bars = bars_of(at, 2)
    assert bars["encoding"]["color"]["scale"]["domain"] == ["Begun that year", "Begun earlier", "Status unknown"]
    assert sentences(at)[-1] == ("Partnerships a source confirms as active in 2026: 0; status unknown: 7; "
                                 "the most began in 2007 and 2010 (2 each).")
