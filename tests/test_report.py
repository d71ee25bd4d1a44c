"""The line `validate` ends with: what will be on the map, what is left off, what the gazetteer placed."""
from __future__ import annotations

import pytest

from partnerships.loading import load_bytes
from partnerships.report import Counts, counts, summary
from tests.conftest import GOOD_ROWS, csv_text

KIEL = "kiel,Kiel,Friendship city,Kiel,DE,,,2001,,,"  # found
PEORIA = "peoria,Peoria,Friendship city,Peoria,USA,,,2001,,,"  # chosen among namesakes, with a warning
FLENSBURG_BAD_YEAR = "flensburg,Flensburg,Friendship city,Flensburg,DE,,,twenty-eleven,,,"  # found, but left off


@pytest.mark.parametrize(("rows", "expected"), [
    (GOOD_ROWS, Counts(on_map=3, countries=2, left_off=0, placed=0, chosen=0, errors=0, warnings=0)),
    ([KIEL, PEORIA], Counts(on_map=2, countries=2, left_off=0, placed=2, chosen=1, errors=0, warnings=1)),
    ([KIEL, FLENSBURG_BAD_YEAR], Counts(on_map=1, countries=1, left_off=1, placed=1, chosen=0, errors=1, warnings=0)),
    ([GOOD_ROWS[0], GOOD_ROWS[0]], Counts(on_map=1, countries=1, left_off=1, placed=0, chosen=0, errors=1, warnings=0)),
])
def test_counts(vocabulary, rows, expected):
    assert counts(load_bytes(csv_text(*rows).encode(), vocabulary)) == expected


@pytest.mark.parametrize(("rows", "lang", "expected"), [
    (GOOD_ROWS, "en", ("p.csv: 3 partnerships in 2 countries will be on the map, none left off; none placed by the "
                       "gazetteer; no problems")),
    (GOOD_ROWS, "da", ("p.csv: 3 partnerskaber i 2 lande kommer på kortet, ingen udeladt; ingen placeret af "
                       "stednavneregistret; ingen problemer")),
    ([KIEL, PEORIA, FLENSBURG_BAD_YEAR], "en",
     ("p.csv: 2 partnerships in 2 countries will be on the map, 1 row left off (errors); 2 placed by the gazetteer "
      "(1 chosen among several); 1 error and 1 warning")),
    ([KIEL, PEORIA, FLENSBURG_BAD_YEAR], "da",
     ("p.csv: 2 partnerskaber i 2 lande kommer på kortet, 1 række udeladt (fejl); 2 placeret af stednavneregistret "
      "(1 valgt blandt flere); 1 fejl og 1 advarsel")),
    ([GOOD_ROWS[0]], "en", ("p.csv: 1 partnership in 1 country will be on the map, none left off; none placed by the "
                            "gazetteer; no problems")),
])
def test_the_summary_line(vocabulary, rows, lang, expected):
    assert summary(load_bytes(csv_text(*rows).encode(), vocabulary), "p.csv").text(lang) == expected
