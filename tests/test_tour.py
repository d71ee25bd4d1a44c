"""The tour file: stops in order, unknown partners left out, the file optional."""
from __future__ import annotations

from partnerships.loading import load_partners
from partnerships.settings import tour_path_for
from partnerships.tour import load_tour
from tests.conftest import SHIPPED_CSV


def test_shipped_tour_names_every_seed_partner_in_order():
    ids = set(load_partners(SHIPPED_CSV).partners["id"])
    stops, problems = load_tour(tour_path_for(SHIPPED_CSV), ids)
    assert problems == []
    assert [s.partner for s in stops][:2] == ["klimapakt-flensburg", "aabenraa"] and len(stops) == 7
    assert [s.year for s in stops] == sorted(s.year for s in stops)
    assert stops[3].captions["da"].startswith("Oktober 2010")
    assert stops[0].as_json()["caption"]["en"].startswith("2007")


def test_unknown_partner_is_left_out_with_a_warning(tmp_path):
    path = tmp_path / "tour.csv"
    path.write_text("partner;year;caption_en\r\nbaoding;2010;Hello\r\nnobody;;Who?\r\n", encoding="utf-8-sig")
    stops, problems = load_tour(path, {"baoding"})
    assert [(s.partner, s.year, s.captions) for s in stops] == [("baoding", 2010, {"en": "Hello"})]
    assert [str(p) for p in problems] == [
        "row 3, partner: the tour names 'nobody', which is not a partner on the map; that stop is left out"]


def test_no_tour_file_means_no_stops(tmp_path):
    assert load_tour(tmp_path / "tour.csv", {"baoding"}) == ([], [])


def test_a_tour_that_cannot_be_read_says_why_without_the_servers_path(tmp_path):
    path = tmp_path / "tour.csv"
    path.symlink_to(path)  # a link to itself: "Too many levels of symbolic links"
    stops, (problem,) = load_tour(path, set())
    assert stops == [] and problem.message.endswith("symbolic links") and str(tmp_path) not in problem.message
