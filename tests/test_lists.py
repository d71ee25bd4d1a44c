"""Whole partner lists shaped like real ones (tests/data/lists/: a US, a French, a Norwegian
and a Japanese one, with city, country, the region where the list gives one, and each row's
true coordinates), through the same reading as the app: nearly every real place is placed,
none far from where it is without a warning, and a list that writes each state is quiet."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from geo.arcs import distance_km
from partnerships.loading import load_bytes

LISTS = Path(__file__).parent / "data" / "lists"
NAMES = ("us", "france", "norway", "japan")
PLACED_SHARE = 0.97  # of the rows that name a real place
FAR_KM = 30  # placed farther than this from the true place, a row must carry a warning
WARNED_SHARE = 0.02  # at most this share of a list that writes every state is warned about


def rows_of(name: str) -> list[dict[str, str]]:
    with (LISTS / f"{name}.csv").open(encoding="utf-8", newline="") as source:
        return list(csv.DictReader(source))


def geocoded(vocabulary, rows, state: str = ""):
    """The rows read as the app reads a file with no coordinates; `state` writes each row's
    true state into the 'region' column or the city ('Portland, Maine')."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "name", "type", "city", "country", "region", "start_year"])
    for i, row in enumerate(rows):
        city, region = row["city"], row["region"]
        if state == "column":
            region = row["true_region"]
        elif state == "city" and "," not in city:
            city, region = f"{city}, {row['true_region']}", ""
        writer.writerow([f"r{i}", f"Partner {i}", "Friendship city", city, row["country"], region, "2001"])
    return load_bytes(out.getvalue().encode(), vocabulary)


@pytest.fixture(scope="module")
def lists(vocabulary):
    return {name: (rows_of(name), geocoded(vocabulary, rows_of(name))) for name in NAMES}


def said(dataset, index: int) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for problem in dataset.problems:
        if problem.row == index + 2:
            found.setdefault(problem.severity, []).append(problem.message)
    return found


@pytest.mark.parametrize("name", NAMES)
def test_nearly_every_row_naming_a_real_place_is_placed(lists, name):
    rows, dataset = lists[name]
    real = [i for i, row in enumerate(rows) if row["true_lat"]]
    placed = [i for i in real if i + 2 in dataset.partners.index]
    missed = [rows[i]["city"] for i in real if i not in placed]
    assert len(placed) / len(real) >= PLACED_SHARE, missed


ROWS = [(name, i, row) for name in NAMES for i, row in enumerate(rows_of(name))]


@pytest.mark.parametrize(("name", "index", "row"), ROWS, ids=[f"{name}-{row['city']}" for name, _, row in ROWS])
def test_no_row_is_placed_far_from_its_place_in_silence(lists, name, index, row):
    _, dataset = lists[name]
    told = said(dataset, index)
    if index + 2 not in dataset.partners.index:
        assert "error" in told  # not placed: said why
        return
    assert row["true_lat"], f"{row['city']} is no place, yet placed"
    placed = dataset.partners.loc[index + 2]
    off = distance_km(float(placed["lat"]), float(placed["lon"]), float(row["true_lat"]), float(row["true_lon"]))
    assert off <= FAR_KM or "warning" in told, (round(off), told)
    assert told["note"][0].startswith(("found", "chosen among"))


@pytest.mark.parametrize("state", ["column", "city"])
def test_a_us_list_that_writes_each_state_is_seldom_warned(vocabulary, state):
    rows = rows_of("us")
    dataset = geocoded(vocabulary, rows, state)
    warned = {p.row for p in dataset.problems if p.severity == "warning"}
    assert len(warned) / len(rows) < WARNED_SHARE, [said(dataset, row - 2) for row in warned]
    real = [i for i, row in enumerate(rows) if row["true_lat"]]
    assert sum(i + 2 in dataset.partners.index for i in real) / len(real) >= PLACED_SHARE


@pytest.mark.parametrize(("name", "city", "note"), [
    ("us", "Montgomery County, Maryland", "as a county, municipality or ward: Montgomery County, Maryland"),
    ("us", "New York", "placed as another name of New York City"),
    ("norway", "Bærum", "as a county, municipality or ward: Bærum"),
    ("japan", "Shinagawa, Tokyo", "as a county, municipality or ward: Shinagawa-ku, Tokyo"),
    ("japan", "Hitachiōta", "Hitachi-ota, Ibaraki"),
    ("france", "Évry-Courcouronnes", "read 'Évry-Courcouronnes' as Évry"),
    ("france", "Saint-Denis, Réunion", "Saint-Denis, Reunion"),
])
def test_the_note_says_how_a_row_was_placed(lists, name, city, note):
    rows, dataset = lists[name]
    index = next(i for i, row in enumerate(rows) if row["city"] == city)
    assert note in said(dataset, index)["note"][0]


@pytest.mark.parametrize(("name", "city", "candidates"), [
    ("us", "Portland", ("Oregon", "Maine")), ("us", "Waterloo", ("Iowa", "Illinois")),
    ("france", "Valence", ("Auvergne-Rhône-Alpes", "Occitanie")),
])
def test_a_bare_namesake_is_warned_with_its_candidates(lists, name, city, candidates):
    rows, dataset = lists[name]
    index = next(i for i, row in enumerate(rows) if row["city"] == city and not row["region"])
    (warning,) = said(dataset, index)["warning"]
    assert warning.startswith(f"{city}: ") and all(candidate in warning for candidate in candidates)
