"""AppTest for council members: both languages, the view in the URL, the partners table."""
from __future__ import annotations

import base64
import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from app.sidebar import type_key
from app.state import MAP_KEY, share_link_html, view_link
from partnerships.i18n import t
from partnerships.settings import ROOT, TYPES_FILE_NAME
from partnerships.style import type_styles
from partnerships.vocabulary import load_vocabulary
from tests.conftest import csv_text, GOOD_ROWS, open_app, SHIPPED
from tests.test_app import choose_types, chosen_types

TYPES = load_vocabulary(SHIPPED / TYPES_FILE_NAME).names

TIMEOUT = 60


app = open_app  # the app as a link opens it


def summary(at: AppTest) -> str:
    """The view in words as the reader sees it (the page escapes it as Markdown)."""
    text = next(m.value for m in at.markdown if m.value.startswith(("In ", "I ", "By ", "Senest")))
    return re.sub(r"\\(.)", r"\1", text)


def test_a_link_restores_the_view():
    at = app(year="2013", types="Friendship city,Urbanisation partnership", lang="da", partner="haiyan")
    assert at.slider(key="year").value == 2013
    assert chosen_types(at) == ["Friendship city", "Urbanisation partnership"]
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
    choose_types(at, ["Climate network"])
    at.radio(key="lang").set_value("da").run()
    assert url(at) == {"year": "2010", "lang": "da", "types": "Climate network"}


def test_clearing_every_type_on_the_timeline_clears_them_in_the_url():
    """The timeline stops when nothing matches; the address must not keep the last types."""
    at = app()
    at.switch_page("views/timeline.py").run()
    choose_types(at, ["Friendship city"])
    assert url(at)["types"] == "Friendship city"
    choose_types(at, [])
    assert [i.value for i in at.info] == [t("timeline_empty", "en")]  # the page stopped early
    assert url(at)["types"] == ""


def test_a_link_with_no_types_opens_no_types_and_keeps_saying_so():
    """`types=` is the empty selection both ways, so the address matches what is shown."""
    at = app(types="")
    assert chosen_types(at) == []
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
    assert chosen_types(at) == TYPES
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
    assert not at.slider and not at.checkbox
    args = json.loads(at.get("component_instance")[0].proto.json_args)
    story = json.loads(re.search(r"PartnerMap\.story\([^,]+, (\{.*\})\);", args["script"]).group(1))
    assert story["present"] is True and story["title"] == "Sønderborgs internationale partnerskaber"
    assert story["first"] == 2007 and [s["id"] for s in story["stops"]][:2] == ["klimapakt-flensburg", "aabenraa"]
    assert story["labels"]["play"].startswith("Afspil")
    assert url(at)["mode"] == "present"  # the address keeps the mode
    assert story["exit"] and story["labels"]["exit"].startswith("Afslut")


def test_presentation_opens_on_the_view_it_was_started_from_and_exits_to_it():
    at = app(mode="present", year="2010", types="Friendship city,NGO partnership", lang="da", show="begun")
    args = json.loads(at.get("component_instance")[0].proto.json_args)
    view = json.loads(re.search(r"PartnerMap\.partners\([^{]+(\{.*\})\);", args["feature_group"]).group(1))
    assert (view["types"], view["year"], view["mode"], view["lang"]) == ([0, 5], 2010, "begun", "da")
    exit_link = re.search(r'href="([^"]+)"', next(h.proto.body for h in at.get("html") if "pm-exit-link" in h.proto.body))
    assert exit_link.group(1) == "?year=2010&amp;lang=da&amp;types=Friendship+city%2CNGO+partnership&amp;show=begun"


def test_the_sidebar_links_to_presentation_mode_and_the_offline_file():
    at = app(lang="da")
    assert at.get("link_button")[0].proto.url == "?year=2014&lang=da&mode=present"  # this very view, presented
    assert at.get("download_button")


# --- The type filter: every type whole, with its colour and shape ---------------------------

@pytest.mark.parametrize("lang", ["en", "da"])
def test_every_type_has_a_checkbox_with_its_whole_name_colour_and_shape(lang):
    """Not a multiselect whose chips cut "Grænseoverskriden…" and hide the sixth type."""
    at = app(lang=lang)
    vocabulary = load_vocabulary(SHIPPED / TYPES_FILE_NAME)
    looks = type_styles(vocabulary)
    boxes = [at.checkbox(key=type_key(index)) for index in range(len(TYPES))]
    assert [box.value for box in boxes] == [True] * len(TYPES)
    style = next(h.proto.body for h in at.get("html") if "st-key-types_0" in h.proto.body)
    images = re.findall(r"\.st-key-(types_\d+) label p::before \{[^}]*url\(\"(data:image/svg\+xml;base64,[A-Za-z0-9+/=]+)\"\)",
                        style)
    assert [key for key, _ in images] == [type_key(index) for index in range(len(TYPES))]
    for box, kind, (_, image) in zip(boxes, vocabulary.types, images):
        assert box.label.replace("\\", "") == kind.label(lang)  # the name alone, whole: what a screen reader hears
        svg = base64.b64decode(image.removeprefix("data:image/svg+xml;base64,")).decode()
        assert f'fill="{looks[kind.name].color}"' in svg
        assert ("<circle" in svg) == (looks[kind.name].shape == "circle")
    assert len({image for _, image in images}) == len(TYPES)  # six different markers


def test_a_checkbox_writes_the_types_the_url_and_every_page_read():
    at = app()
    at.checkbox(key=type_key(TYPES.index("Climate network"))).uncheck().run()
    assert at.session_state["types"] == [name for name in TYPES if name != "Climate network"]
    assert url(at)["types"] == ",".join(at.session_state["types"])
    at.switch_page("views/timeline.py").run()  # the choice holds on another page
    assert chosen_types(at) == [name for name in TYPES if name != "Climate network"]


def test_none_then_one_type_and_all_again():
    at = app(lang="da")
    assert at.button(key="types_all").disabled and at.button(key="types_all").label == "Alle"
    at.button(key="types_none").click().run()
    assert chosen_types(at) == [] and url(at)["types"] == ""
    choose_types(at, ["Friendship city"])
    assert url(at)["types"] == "Friendship city"
    at.button(key="types_all").click().run()
    assert chosen_types(at) == TYPES and "types" not in url(at)


def test_a_link_naming_danish_type_labels_ticks_those_types():
    at = app(types="Venskabsby,Klimanetværk")
    assert chosen_types(at) == ["Friendship city", "Climate network"]


# --- The share link: a visible Copy button, not a code block --------------------------------

def share_app(**params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    at.context["url"] = "https://maps.example.dk/"
    at.query_params.update(params)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def shared_words(at: AppTest) -> dict[str, str]:
    (html,) = [h.proto for h in at.get("html") if "share-link" in h.proto.body]
    assert html.unsafe_allow_javascript
    return json.loads(re.search(r"var words = (\{.*?\}), root", html.body).group(1))


@pytest.mark.parametrize(("lang", "button", "help_text"), [
    ("en", "Copy link", "It opens exactly this view"), ("da", "Kopiér link", "Det åbner præcis denne visning")])
def test_the_map_page_shares_its_link_with_a_copy_button(lang, button, help_text):
    at = share_app(year="2012", lang=lang, types="Friendship city")
    words = shared_words(at)
    assert words["link"] == f"https://maps.example.dk/?year=2012&lang={lang}&types=Friendship+city"
    assert words["copy"] == button
    assert not at.code  # no code block, no 1.5 MB highlighter
    caption = next(c.value for c in at.caption if help_text in c.value)
    assert "right" not in caption and "højre" not in caption and "hover" not in caption


def test_the_link_reaches_the_page_only_as_escaped_json():
    html = share_link_html("https://x.dk/?partner=%3C/script%3E</script><img src=x onerror=alert(1)>", "en")
    assert html.count("</script>") == 1 and "<img" not in html
    words = json.loads(re.search(r"var words = (\{.*?\}), root", html).group(1))
    assert words["link"].endswith("</script><img src=x onerror=alert(1)>")  # the same text, once parsed


def test_no_address_no_link():
    assert view_link("", {"year": "2012"}) is None
    assert view_link("http://127.0.0.1:8501/map", {"year": "2012", "lang": "da"}) == (
        "http://127.0.0.1:8501/map?year=2012&lang=da")


def test_the_type_filter_offers_only_the_types_the_data_uses(write_csv, monkeypatch):
    """Another municipality's list of friendship cities alone: one box, and All means all."""
    monkeypatch.setenv("PARTNERS_CSV", str(write_csv(csv_text(GOOD_ROWS[0]))))
    at = app()
    used = TYPES.index("Friendship city")
    assert [box.key for box in at.sidebar.checkbox] == [type_key(used)]
    assert at.button(key="types_all").disabled
    at.checkbox(key=type_key(used)).uncheck().run()
    assert at.session_state["types"] == [name for name in TYPES if name != "Friendship city"]
    at.checkbox(key=type_key(used)).check().run()
    assert at.session_state["types"] == TYPES and "types" not in url(at)  # all stays all: a short link
    style = next(h.proto.body for h in at.get("html") if "st-key-types_" in h.proto.body)
    assert re.findall(r"\.st-key-(types_\d+) label", style) == [type_key(used)]


def test_the_view_bar_above_the_map_moves_the_same_view_as_the_sidebar():
    """On a tablet or a phone the sidebar is folded: the bar above the map holds the year and types."""
    at = app(lang="da")
    at.slider(key="bar_year").set_value(2010).run()
    assert at.slider(key="year").value == 2010 and url(at)["year"] == "2010"
    at.checkbox(key=type_key(TYPES.index("Friendship city"), "bar")).uncheck().run()
    assert "Friendship city" not in at.session_state["types"]
    assert at.sidebar.checkbox(key=type_key(TYPES.index("Friendship city"))).value is False  # the sidebar follows
    at.radio(key="bar_mode").set_value("begun").run()
    assert url(at)["show"] == "begun"
    at.slider(key="year").set_value(2012).run()  # and the bar follows the sidebar
    assert at.slider(key="bar_year").value == 2012
    assert any("data-collapsed" in h.proto.body for h in at.get("html"))  # shown only while the sidebar is folded
