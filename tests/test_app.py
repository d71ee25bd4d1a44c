"""AppTest: every page runs, the filters change what the map draws, bad files get messages."""
from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from app.page import problem_row_height
from app.sidebar import type_key
from app.staff import FORM_WIDTH
from partnerships.access import PASSWORD_ENV
from partnerships import settings
from partnerships.settings import ROOT
from partnerships.vocabulary import load_vocabulary
from tests.conftest import GOOD_ROWS, PASSWORD, SHIPPED, csv_text, open_app
from tests.test_manage_app import open_page, unlock

TIMEOUT = 60


def run(script: str = "dashboard.py") -> AppTest:
    at = AppTest.from_file(str(ROOT / script), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def map_args(at: AppTest) -> dict:
    return json.loads(at.get("component_instance")[0].proto.json_args)


def _partner_call(at: AppTest) -> tuple[str, dict]:
    """The data file's URL and the view in the partner layer the map was given on this run."""
    layer = map_args(at)["feature_group"]
    call = re.search(r"PartnerMap\.partners\([^,]+, [^,]+, (\"[^\"]+\"), (\{.*\})\);", layer)
    return json.loads(call.group(1)), json.loads(call.group(2))


def drawn_view(at: AppTest) -> dict:
    return _partner_call(at)[1]


def published_ids(at: AppTest) -> list[str]:
    """The partner ids in the data file the browser is sent to fetch."""
    url = _partner_call(at)[0]
    assert re.fullmatch(r"/app/static/data/[0-9a-f]{16}/partners\.json", url), url
    payload = json.loads((ROOT / "static" / url.removeprefix("/app/static/")).read_text())
    return payload["partners"]["id"]


TYPES = load_vocabulary(SHIPPED / settings.TYPES_FILE_NAME).names


def type_indices(*names: str) -> list[int]:
    return [TYPES.index(name) for name in names]


def choose_types(at: AppTest, names: list[str]) -> AppTest:
    """Tick exactly these types in the sidebar (one checkbox per type) and rerun."""
    for index, name in enumerate(TYPES):
        at.checkbox(key=type_key(index)).set_value(name in names)
    return at.run()


def chosen_types(at: AppTest) -> list[str]:
    """The types whose checkboxes are ticked, in the types file's order."""
    return [name for index, name in enumerate(TYPES) if at.checkbox(key=type_key(index)).value]


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.fixture
def data_file(monkeypatch, write_csv):
    def use(content: str | bytes):
        path = write_csv(content)
        monkeypatch.setenv("PARTNERS_CSV", str(path))
        return path

    return use


SHIPPED = ["klimapakt-flensburg", "aabenraa", "wwf", "baoding", "nord-star", "clinton-climate-positive", "haiyan"]


def test_dashboard_sends_every_shipped_partner_and_the_default_view():
    at = run()
    assert sorted(published_ids(at)) == sorted(SHIPPED)
    # The first view opens on the last year the source confirms (2014), not on a present it says nothing about.
    assert drawn_view(at) == {"types": type_indices(*TYPES), "year": 2014, "mode": "active", "lang": "en",
                             "selected": None}
    assert metrics(at)["Partnerships"] == "7" and metrics(at)["Countries"] == "4"
    assert not at.error


def test_map_page_runs_on_its_own():
    at = run("views/home.py")
    assert len(published_ids(at)) == 7


def test_type_filter_changes_what_the_map_draws():
    at = run()
    choose_types(at, ["Friendship city", "Urbanisation partnership"])
    assert drawn_view(at)["types"] == type_indices("Friendship city", "Urbanisation partnership")
    assert metrics(at)["Partnerships"] == "2" and metrics(at)["Countries"] == "1"


def test_year_slider_plays_the_timeline():
    at = run()
    at.slider(key="year").set_value(2008).run()
    assert drawn_view(at)["year"] == 2008
    assert metrics(at)["Partnerships"] == "2"
    at.slider(key="year").set_value(2013).run()
    assert drawn_view(at)["year"] == 2013
    assert metrics(at)["Partnerships"] == "7" and metrics(at)["Begun in 2013"] == "1"


def test_active_or_begun_mode(data_file):
    data_file(csv_text(*GOOD_ROWS))  # flensburg ended in 2015
    at = run()
    at.slider(key="year").set_value(2020).run()
    assert metrics(at)["Partnerships"] == "2"
    at.radio(key="year_mode").set_value("begun").run()
    assert drawn_view(at)["mode"] == "begun"
    assert metrics(at)["Partnerships"] == "3"


def test_base_map_and_data_do_not_travel_again_on_a_filter_change():
    at = run()
    before = map_args(at)
    at.slider(key="year").set_value(2009).run()
    after = map_args(at)
    assert {k: v for k, v in before.items() if k != "feature_group"} == {k: v for k, v in after.items() if k != "feature_group"}
    assert len(after["feature_group"]) < 1000  # the view, not the partners: they are in the cached file


def test_no_partner_in_view_says_so():
    at = run()
    choose_types(at, [])
    assert drawn_view(at)["types"] == []
    assert any("No partnerships match" in i.value for i in at.info)


def test_bad_rows_are_listed_and_good_rows_still_drawn(data_file):
    bad = GOOD_ROWS[1].replace("haiyan,", "baoding,").replace("30.5263", "95")
    data_file(csv_text(GOOD_ROWS[0], bad))
    at = run()
    assert published_ids(at) == ["baoding"]
    assert "1 row(s) of the partner file have problems" in at.expander[0].label
    problems = at.expander[0].table[0].value
    assert set(problems["row"]) == {3} and set(problems["column"]) == {"id", "lat"}


def test_a_long_problem_list_shows_the_most_serious_and_says_where_the_rest_are(data_file, monkeypatch):
    # A warning (a name like another partner's) on row 2, an error on row 4.
    near_twin = GOOD_ROWS[2].replace("flensburg,Klimapakt Flensburg", "flensburg-2,KLIMAPAKT  flensburg")
    bad = GOOD_ROWS[1].replace("30.5263", "95")
    data_file(csv_text(near_twin, GOOD_ROWS[2], bad))
    monkeypatch.setattr("app.page.PROBLEMS_ON_EVERY_PAGE", 1)
    at = run()
    table = at.expander[0].table[0].value
    assert len(table) == 1 and table["severity"].tolist() == ["error"] and table["row"].tolist() == [4]
    captions = [c.value for c in at.expander[0].caption]
    assert captions == ["2 problems in all: 1 error and 1 warning.",
                        "The 1 most serious of 2 are shown here; Manage data lists them all."]


@pytest.mark.parametrize(
    ("content", "expected"),
    [(b"", "The file is empty"), (b"\x00\x01\x02", "not text"), (b"id,name\nx,y\n", "missing")],
)
def test_unusable_file_shows_one_message_and_no_traceback(data_file, content, expected):
    path = data_file(content)
    at = run()
    assert len(at.error) == 1 and expected in at.error[0].value
    assert not at.get("component_instance")
    shown = " ".join(element.value for element in [*at.error, *at.caption, *at.markdown]).replace("\\", "")
    assert "partners.csv" in shown and str(path.parent) not in shown  # the file by its name, no server path


def test_danish_labels(monkeypatch):
    at = run()
    at.radio(key="lang").set_value("da").run()
    assert at.slider(key="year").label == "År"
    assert "Partnerskaber" in metrics(at)


def test_a_saved_file_shows_on_the_next_interaction(data_file):
    path = data_file(csv_text(GOOD_ROWS[0]))
    at = run()
    assert published_ids(at) == ["baoding"]
    path.write_text(csv_text(GOOD_ROWS[0], GOOD_ROWS[1]))
    at.run()
    assert sorted(published_ids(at)) == ["baoding", "haiyan"]


def test_after_the_last_confirmed_year_the_headline_counts_the_map_with_unknown_status_a_part():
    at = open_app(year="2026")
    assert metrics(at)["Partnerships"] == "7" and metrics(at)["Of them: status unknown"] == "7"
    assert "Begun in 2026" not in metrics(at)  # no zero headline


def test_beside_the_popup_the_panel_adds_what_the_popup_does_not_say():
    at = open_app(year="2013", partner="baoding")
    markdown = " ".join(m.value for m in at.markdown)
    assert "#### City of Baoding" in markdown and "Friendship city cooperation" in markdown  # name, milestones
    assert "mayors of Baoding" not in markdown  # the description is the popup's
    assert any("ProjectZero, International Partnerships" in c.value for c in at.caption)  # the source
    assert any("until 2014" in c.value for c in at.caption)


# --- The problem table: messages wrap, counts agree -----------------------------------------

def test_the_problem_table_wraps_its_messages_and_counts_every_kind(data_file):
    """'8 problem(s)' over a table of 9 rows: the errors above, every problem of the table under it.
    On every page a plain table, which wraps at any width; its cells are Markdown, so escaped."""
    near_twin = GOOD_ROWS[2].replace("flensburg,Klimapakt Flensburg", "flensburg-2,KLIMAPAKT  *flensburg*")
    data_file(csv_text(near_twin, GOOD_ROWS[2], GOOD_ROWS[1].replace("30.5263", "95")))
    at = run()
    assert "1 row(s) of the partner file have problems" in at.expander[0].label
    table = at.expander[0].table[0].value
    assert list(table.columns) == ["row", "severity", "column", "problem"]
    assert table["problem"].tolist()[1] == "'95' is outside \\-90 to 90"
    assert "KLIMAPAKT  \\*flensburg\\*" in table["problem"].tolist()[0]
    assert [c.value for c in at.expander[0].caption] == ["2 problems in all: 1 error and 1 warning."]
    at.radio(key="lang").set_value("da").run()
    assert [c.value for c in at.expander[0].caption] == ["2 problemer i alt: 1 fejl og 1 advarsel."]


def test_the_staff_report_is_a_grid_whose_rows_wrap_their_messages(data_file, monkeypatch):
    """Manage data lists every problem, thousands perhaps: a grid staff can sort, rows tall enough to wrap."""
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    near_twin = GOOD_ROWS[2].replace("flensburg,Klimapakt Flensburg", "flensburg-2,KLIMAPAKT  flensburg")
    data_file(csv_text(near_twin, GOOD_ROWS[2], GOOD_ROWS[1].replace("30.5263", "95")))
    at = unlock(open_page())
    assert any("1 error(s) in 1 row(s)" in w.value for w in at.tabs[0].warning)
    grid = at.tabs[0].dataframe[0]
    assert len(grid.value) == 2 and max(grid.value["problem"].str.len()) > 60
    assert grid.proto.row_height > 64  # Streamlit wraps cell text only in rows taller than 4rem
    assert json.loads(grid.proto.columns)["problem"]["width"] == "large"
    assert list(grid.proto.column_order) == ["row", "severity", "column", "problem"]
    assert [c.value for c in at.tabs[0].caption] == ["2 problems in all: 1 error and 1 warning."]


@pytest.mark.parametrize(("messages", "height"), [
    (["short"], None), (["x" * 60], None), (["x" * 61], 65), (["x" * 200], 4 * 21 + 12), (["x" * 900], 4 * 21 + 12)])
def test_problem_rows_are_as_tall_as_the_longest_message_needs(messages, height):
    assert problem_row_height(pd.Series(messages)) == height


def test_the_staff_password_form_is_narrow(monkeypatch):
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    at = run("views/manage.py")
    (form,) = at.get("form")
    assert form.proto.width_config.pixel_width == FORM_WIDTH <= 480


def test_a_list_with_no_years_opens_and_its_headline_counts_every_partner_drawn(data_file):
    rows = [f"p{i},Partner {i},Friendship city,Town,Germany,{50 + i / 10},{9 + i / 10},{'2011' if i == 0 else ''}"
            for i in range(16)]
    data_file(csv_text(*rows, header="id,name,type,city,country,lat,lon,start_year"))
    at = run()
    assert not at.exception and not at.error
    assert len(published_ids(at)) == 16
    shown = metrics(at)
    assert (shown["Partnerships"], shown["Countries"], shown["Of them: no start year"]) == ("16", "1", "15")
