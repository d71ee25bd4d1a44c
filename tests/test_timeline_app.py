"""AppTest: the timeline page on its own: one chart and its sentence, or one clear message."""
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
    at = AppTest.from_file(str(ROOT / "views/timeline.py"), default_timeout=TIMEOUT)
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def drawn(at: AppTest) -> tuple[dict, dict[str, list[dict]]]:
    """The one chart's spec and its datasets by name (Streamlit sends them apart, as Arrow)."""
    (chart,) = at.get(CHART)
    datasets = {d.name: pa.ipc.open_stream(d.data.data).read_all().to_pylist() for d in chart.proto.datasets}
    return json.loads(chart.proto.spec), datasets


def rows(spec: dict, datasets: dict[str, list[dict]]) -> list[str]:
    """The ids of the bars, top to bottom."""
    bars = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "bar")
    return [row["id"] for row in sorted(datasets[bars["data"]["name"]], key=lambda row: row["row"])]


def chosen_year(spec: dict, datasets: dict[str, list[dict]]) -> int:
    rule = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "rule")
    return datasets[rule["data"]["name"]][0]["year"]


def sentence(at: AppTest) -> str:
    return at.markdown[-1].value.replace("\\", "")


def test_the_shipped_data_in_one_chart_with_its_sentence():
    at = run()
    spec, datasets = drawn(at)
    assert len(rows(spec, datasets)) == 7
    assert sentence(at).startswith("7 partnerships from 2007 to 2014; the longest: Aabenraa Municipality")
    assert not at.error


def test_follows_the_types_and_marks_the_year_whatever_the_mode():
    at = run(types=["Friendship city", "NGO partnership"], year=2008, year_mode="active")
    spec, datasets = drawn(at)
    assert rows(spec, datasets) == ["baoding", "wwf"]  # begun in 2010, after the chosen year: still drawn
    assert chosen_year(spec, datasets) == 2008


def test_danish():
    at = run(lang="da")
    spec, _ = drawn(at)
    assert at.title[0].value == "Sådan voksede partnerskaberne"
    assert spec["title"] == "Hvert partnerskab fra start til slut"
    assert sentence(at).startswith("7 partnerskaber fra 2007 til 2014")


def test_no_type_chosen_says_so_and_draws_nothing():
    at = run(types=[])
    assert any("No partnerships of the chosen types" in i.value for i in at.info)
    assert not at.get(CHART)


@pytest.mark.parametrize(("content", "expected"), [(b"", "The file is empty"), (b"id,name\nx,y\n", "missing")])
def test_unusable_file_shows_one_message_and_no_chart(monkeypatch, write_csv, content, expected):
    monkeypatch.setenv("PARTNERS_CSV", str(write_csv(content)))
    at = run()
    assert len(at.error) == 1 and expected in at.error[0].value
    assert not at.get(CHART)


def test_a_year_in_full_width_digits_is_a_problem_not_a_crash(monkeypatch, write_csv):
    monkeypatch.setenv("PARTNERS_CSV", str(write_csv(csv_text(GOOD_ROWS[0], GOOD_ROWS[1].replace("2013", "２０１３")))))
    assert rows(*drawn(run())) == ["baoding"]  # Haiyan, whose year is not a year, is left off


@pytest.mark.parametrize(("lang", "quiet"), [
    ("en", "2015–2025: nothing begins, ends or happens, so these years are drawn short"),
    ("da", "2015–2025: intet begynder, slutter eller sker, så disse år er tegnet korte")])
def test_names_whole_above_the_bars_and_the_quiet_years_drawn_short(lang, quiet):
    at = run(lang=lang, year=2014)
    spec, datasets = drawn(at)
    names = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "text"
                 and layer["encoding"]["text"]["field"] == "label")
    assert "Clinton Climate Positive Development Program" in {row["label"] for row in datasets[names["data"]["name"]]}
    (band,) = [layer for layer in spec["layer"] if layer["mark"]["type"] == "rect"]
    assert [row["text"] for row in datasets[band["data"]["name"]]] == [quiet]
