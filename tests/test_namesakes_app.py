"""AppTest of Manage data's namesakes: a row placed among several places of its name gets a choice
of them; the pick is previewed and saved into the file's lat and lon like any edit."""
from __future__ import annotations

import pytest

from app.namesakes import namesake_key
from partnerships.geocoding import choices
from partnerships.reading import read_table
from tests.conftest import GOOD_ROWS, csv_text
from tests.test_manage_app import open_page, unlock, upload

PEORIA = "peoria,Peoria *Sister* City,Friendship city,Peoria,USA,,,2001,,,"


def namesake_boxes(at) -> list:
    return [box for box in at.selectbox if box.key.startswith(namesake_key(0)[:-1])]


def test_staff_pick_illinois_for_peoria_and_the_file_holds_its_coordinates(data_path):
    at = upload(unlock(open_page()), csv_text(GOOD_ROWS[0], PEORIA).encode())
    at.button(key="upload_save").click().run()
    assert read_table(data_path.read_bytes())[0].at[3, "lat"] == ""  # the map's choice is not written in

    picker = at.selectbox(key=namesake_key(3))
    assert picker.value is None and picker.label == "Row 3: Peoria \\*Sister\\* City (Peoria)"  # escaped
    assert [option.split(" (")[0] for option in picker.options] == ["Peoria, Arizona", "Peoria, Illinois"]
    illinois = next(option for option in picker.options if "Illinois" in option)
    picker.select(illinois).run()
    assert any("0 added, 1 changed, 0 removed" in m.value for m in at.markdown)  # previewed as an edit
    at.button(key="pick_save").click().run()
    assert not at.exception, [e.message for e in at.exception]

    saved = read_table(data_path.read_bytes())[0]
    _, lat, lon = next(choice for choice in choices("Peoria", "USA") if choice[0] == illinois)
    assert (float(saved.at[3, "lat"]), float(saved.at[3, "lon"])) == pytest.approx((lat, lon))
    assert (lat, lon) == pytest.approx((40.69, -89.59), abs=0.01)
    assert not namesake_boxes(at)  # settled: nothing left to choose
    assert any("Saved." in s.value for s in at.success)


def test_no_namesakes_no_picker(data_path):
    at = unlock(open_page())
    assert not namesake_boxes(at) and not [h for h in at.subheader if "namesakes" in h.value]
