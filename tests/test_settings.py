"""Any home city: the arcs' origin and the app's title come from home.toml beside the data."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from partnermap.mapbuilder import partner_payload
from partnerships import settings
from partnerships.loading import load_partners
from partnerships.settings import HOME_FILE_NAME, load_home
from tests.conftest import csv_text, GOOD_ROWS, SHIPPED

AARHUS = """name = "Aarhus"
lat = 56.1567
lon = 10.2108
[title]
en = "Aarhus and the world"
da = "Aarhus og verden"
"""


def test_shipped_home_is_sonderborg():
    home = load_home(SHIPPED / HOME_FILE_NAME)
    assert (home.name, home.lat, home.lon) == ("Sønderborg", 54.9138, 9.7922)
    assert home.title("da") == "Sønderborgs internationale partnerskaber"
    assert home.subtitle("en").startswith("ProjectZero")


def test_another_city_beside_its_data(monkeypatch, write_csv):
    path = write_csv(csv_text(*GOOD_ROWS))
    (path.parent / HOME_FILE_NAME).write_text(AARHUS, encoding="utf-8")
    monkeypatch.setenv("PARTNERS_CSV", str(path))
    home = settings.home()
    assert (home.name, home.title("en"), home.subtitle("en")) == ("Aarhus", "Aarhus and the world", "")
    dataset = load_partners(path)
    payload = partner_payload(dataset.partners, dataset.vocabulary)
    assert payload["home"] == {"name": "Aarhus", "lat": 56.1567, "lon": 10.2108}
    at = AppTest.from_file(str(settings.ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    assert not at.exception and at.title[0].value == "Aarhus and the world"


def test_home_with_impossible_coordinates_is_refused(tmp_path):
    path = tmp_path / HOME_FILE_NAME
    path.write_text('name = "Nowhere"\nlat = 95\nlon = 0\n', encoding="utf-8")
    with pytest.raises(ValueError, match="not WGS84"):
        load_home(path)


@pytest.mark.parametrize("content", ["not = [toml", 'name = "X"\nlat = 1\n', 'name = "X"\nlat = "north"\nlon = 1\n',
                                     'name = "X"\nlat = 1\nlon = 2\ntitle = "plain"\n'])
def test_a_broken_home_file_is_a_message_on_the_page_not_a_traceback(monkeypatch, write_csv, content):
    path = write_csv(csv_text(*GOOD_ROWS))
    (path.parent / HOME_FILE_NAME).write_text(content, encoding="utf-8")
    monkeypatch.setenv("PARTNERS_CSV", str(path))
    at = AppTest.from_file(str(settings.ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("home city file" in e.value for e in at.error)


@pytest.mark.parametrize(("extra", "code"), [
    ("", "DK"),  # Sønderborg lies in a strait outside every shape: the nearest country is home
    ('country = "Tyskland"\n', "DE"),  # a home.toml may name it, in any language, or by code
    ('country = "se"\n', "SE"),
])
def test_the_home_country_is_named_or_found_from_the_coordinates(tmp_path, extra, code):
    path = tmp_path / HOME_FILE_NAME
    path.write_text(f'name = "Sønderborg"\nlat = 54.9138\nlon = 9.7922\n{extra}', encoding="utf-8")
    assert load_home(path).country_code == code


def test_a_home_country_nobody_knows_is_refused(tmp_path):
    path = tmp_path / HOME_FILE_NAME
    path.write_text('name = "X"\nlat = 1\nlon = 1\ncountry = "Atlantis"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="'Atlantis' is not a country"):
        load_home(path)


def test_a_home_at_sea_has_no_country(tmp_path):
    path = tmp_path / HOME_FILE_NAME
    path.write_text('name = "Buoy"\nlat = 0\nlon = -30\n', encoding="utf-8")
    assert load_home(path).country_code is None
