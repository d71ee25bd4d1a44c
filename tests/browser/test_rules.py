"""The browser side of the rules Python owns, case by case (tests/browser/rule_cases.py; the
Python side runs the same table in tests/test_mapbuilder.py): partnermap/assets/rules.js is
loaded alone into a blank page, with no Leaflet and no server.
"""
from __future__ import annotations

import numpy as np
import pytest

from geo.arcs import great_circle
from partnermap.mapbuilder import map_view
from partnermap.publish import SOURCES
from partnerships.filtering import View, YearMode
from partnerships.vocabulary import PartnershipType, Vocabulary
from tests.browser import rule_cases
from tests.browser.conftest import script_alone

RULES = SOURCES["map/rules.js"]
VOCABULARY = Vocabulary(tuple(PartnershipType(name, "") for name in rule_cases.TYPES))


@pytest.fixture(scope="module")
def rules_page(chromium_browser):
    """A blank page with nothing but the rules; it must not need Leaflet."""
    with script_alone(chromium_browser, RULES, "rules") as page:
        yield page


def _columns() -> dict:
    """The partners as the data file carries them (partnermap/mapbuilder.py partner_payload)."""
    rows = rule_cases.PARTNERS
    return {"id": [r[0] for r in rows], "type": [VOCABULARY.names.index(r[1]) for r in rows],
            "start": [r[2] for r in rows], "end": [r[3] for r in rows]}


@pytest.mark.parametrize("case", rule_cases.VIEWS, ids=[case[0] for case in rule_cases.VIEWS])
def test_which_partners_a_view_shows(rules_page, case):
    _, types, year, mode, expected = case
    view = map_view(View(tuple(types), year, YearMode(mode)), VOCABULARY, "en")
    shown = rules_page.evaluate("([p, view]) => PartnerRules.inView(p, view).map((i) => p.id[i])", [_columns(), view])
    assert shown == expected


@pytest.mark.parametrize("case", rule_cases.DOUBTS, ids=[case[0] for case in rule_cases.DOUBTS])
def test_what_nobody_confirms(rules_page, case):
    _, start, end, confirmed, year, expected = case
    p = {"start": [start], "end": [end], "confirmed": [confirmed]}
    assert rules_page.evaluate("([p, year]) => PartnerRules.doubt(p, 0, year)", [p, year]) == expected


def test_playback_shows_only_what_has_a_year(rules_page):
    view = {**map_view(View(tuple(rule_cases.TYPES), 2010, YearMode.ACTIVE), VOCABULARY, "en"), "playing": True}
    shown = rules_page.evaluate("([p, view]) => PartnerRules.inView(p, view).map((i) => p.id[i])", [_columns(), view])
    assert "unknown-start" not in shown and "running" in shown


@pytest.mark.parametrize("case", rule_cases.URLS, ids=[case[0] for case in rule_cases.URLS])
def test_which_links_are_followed(rules_page, case):
    _, value, expected = case
    assert rules_page.evaluate("(value) => PartnerRules.safeUrl(value)", value) == expected


@pytest.mark.parametrize("case", rule_cases.ARC_ENDS, ids=[case[0] for case in rule_cases.ARC_ENDS])
def test_arcs_follow_the_same_great_circles(rules_page, case):
    _, partner = case
    home = rule_cases.SONDERBORG
    drawn = np.array(rules_page.evaluate("([a, b]) => PartnerRules.greatCircle(a[0], a[1], b[0], b[1])",
                                         [list(home), list(partner)]))
    expected = great_circle(*home, *partner)
    assert drawn.shape == expected.shape
    np.testing.assert_allclose(drawn, expected, atol=1e-6)
    if partner != home:
        assert np.abs(np.diff(drawn[:, 1])).max() < 180, "the arc jumps across the map"
