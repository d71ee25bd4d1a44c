"""AppTest for council members: both languages, the view in the URL, the partners table."""
from __future__ import annotations

import json
import re

from streamlit.testing.v1 import AppTest

from app.state import MAP_KEY
from partnerships.i18n import t
from partnerships.settings import DATA_DIR, ROOT, TYPES_FILE_NAME
from partnerships.vocabulary import load_vocabulary

TYPES = load_vocabulary(DATA_DIR / TYPES_FILE_NAME).names

TIMEOUT = 60


def app(**params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    at.query_params.update(params)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def summary(at: AppTest) -> str:
    """The view in words as the reader sees it (the page escapes it as Markdown)."""
    text = next(m.value for m in at.markdown if m.value.startswith(("In ", "I ", "By ", "Senest")))
    return re.sub(r"\\(.)", r"\1", text)


def test_a_link_restores_the_view():
    at = app(year="2013", types="Friendship city,Urbanisation partnership", lang="da", partner="haiyan")
    assert at.slider(key="year").value == 2013
    assert at.multiselect(key="types").value == ["Friendship city", "Urbanisation partnership"]
    assert at.radio(key="lang").value == "da"
    assert summary(at) == ("I 2013 var 2 partnerskaber aktive i 1 land; 1 begyndte det år: Haiyan Amt (Kina). "
                           "Viste typer: Venskabsby og Urbaniseringspartnerskab.")
    assert any("Haiyan Amt" in m.value for m in at.markdown if m.value.startswith("####"))  # opened, in Danish


def url(at: AppTest) -> dict[str, str]:
    return {k: (v[0] if isinstance(v, list) else v) for k, v in at.query_params.items()}


def test_moving_a_widget_updates_the_url():
    at = app()
    assert url(at) == {"year": "2014", "lang": "en"}
    at.slider(key="year").set_value(2010).run()
    at.multiselect(key="types").set_value(["Climate network"]).run()
    at.radio(key="lang").set_value("da").run()
    assert url(at) == {"year": "2010", "lang": "da", "types": "Climate network"}


def test_clearing_every_type_on_the_timeline_clears_them_in_the_url():
    """The timeline stops when nothing matches; the address must not keep the last types."""
    at = app()
    at.switch_page("views/timeline.py").run()
    at.multiselect(key="types").set_value(["Friendship city"]).run()
    assert url(at)["types"] == "Friendship city"
    at.multiselect(key="types").set_value([]).run()
    assert [i.value for i in at.info] == [t("timeline_empty", "en")]  # the page stopped early
    assert url(at)["types"] == ""


def test_a_link_with_no_types_opens_no_types_and_keeps_saying_so():
    """`types=` is the empty selection both ways, so the address matches what is shown."""
    at = app(types="")
    assert at.multiselect(key="types").value == []
    assert url(at)["types"] == ""


def test_a_partner_clicked_on_the_map_is_named_in_the_url():
    """The map page opens the partner during its own run; the address follows it."""
    at = app(year="2013")
    at.session_state[MAP_KEY] = {"last_object_clicked_tooltip": "Haiyan County",
                                 "last_object_clicked": {"lat": 30.5263, "lng": 120.946}}
    at.run()
    assert not at.exception
    assert url(at)["partner"] == "haiyan"


def test_a_bad_link_falls_back_to_defaults_without_an_error():
    at = app(year="²", types="Pen pals", lang="fr", partner="nobody")
    assert not at.error and not at.exception
    assert at.multiselect(key="types").value == TYPES
    assert at.slider(key="year").value == 2014  # the last year the source confirms
    assert at.radio(key="lang").value == "en"


def test_english_and_danish_summaries():
    at = app(year="2013")
    assert summary(at).startswith("In 2013, 7 partnerships were active in 4 countries")
    at.radio(key="lang").set_value("da").run()
    assert summary(at).startswith("I 2013 var 7 partnerskaber aktive i 4 lande")
    assert at.slider(key="year").label == "År"


def test_partners_page_searches_in_danish():
    at = app(lang="da")
    at.switch_page("views/partners.py").run()
    assert not at.exception
    at.text_input(key="search").input("kina").run()
    table = at.dataframe[0].value
    assert set(table["Navn"]) == {"Baoding", "Haiyan Amt", "WWF Verdensnaturfonden"}  # Danish names
    assert "3 af 7 partnerskaber" in at.caption[0].value


def test_presentation_mode_is_the_map_alone_with_the_story():
    at = app(mode="present", lang="da")
    assert len(at.sidebar.children) == 0  # no filters, no navigation
    assert not at.slider and not at.multiselect
    args = json.loads(at.get("component_instance")[0].proto.json_args)
    story = json.loads(re.search(r"PartnerMap\.story\([^,]+, (\{.*\})\);", args["script"]).group(1))
    assert story["present"] is True and story["title"] == "Sønderborgs internationale partnerskaber"
    assert story["first"] == 2007 and [s["id"] for s in story["stops"]][:2] == ["klimapakt-flensburg", "aabenraa"]
    assert story["labels"]["play"].startswith("Afspil")
    assert url(at)["mode"] == "present"  # the address keeps the mode


def test_the_sidebar_links_to_presentation_mode_and_the_offline_file():
    at = app(lang="da")
    assert at.get("link_button")[0].proto.url == "?mode=present&lang=da"
    assert at.get("download_button")
