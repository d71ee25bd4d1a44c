"""The sidebar offers the view on screen off the screen: the offline map, a picture and a
handout, each made only when its button is clicked, each of the view the sidebar holds."""
from __future__ import annotations

import io
import json
import re

import pytest
from PIL import Image
from pypdf import PdfReader
from streamlit.runtime.media_file_manager import MediaFileManager

from tests.conftest import open_app


@pytest.fixture
def made_on_click(monkeypatch):
    """The callables the download buttons register, by file name, instead of their bytes."""
    registered: dict[str, object] = {}
    original = MediaFileManager.add_deferred

    def add_deferred(self, data_callable, mimetype, coordinates, file_name=None, element_id=""):
        registered[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name=file_name, element_id=element_id)

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    return registered


def test_the_picture_and_the_handout_are_of_the_view_on_screen_in_its_language(made_on_click):
    at = open_app(lang="da", year="2012", types="Venskabsby,NGO-partnerskab")
    labels = [button.proto.label for button in at.get("download_button")]
    assert labels == ["Download kortet som én fil", "Download kortet som billede",
                      "Download et håndout på én side (PDF)"]
    assert all(button.proto.deferred_file_id for button in at.get("download_button"))  # nothing made yet
    names = sorted(made_on_click)
    assert names == ["sonderborg-partnerships-2012-da.pdf", "sonderborg-partnerships-2012-da.png",
                     "sonderborg-partnerships-da.html"]
    picture = Image.open(io.BytesIO(made_on_click["sonderborg-partnerships-2012-da.png"]()))
    assert picture.size == (1920, 1080)
    text = " ".join(PdfReader(io.BytesIO(made_on_click["sonderborg-partnerships-2012-da.pdf"]())).pages[0]
                    .extract_text().split())
    assert "Baoding" in text and "WWF Verdensnaturfonden" in text and "Klimapakt" not in text
    assert "I 2012" in text
    html = made_on_click["sonderborg-partnerships-da.html"]().decode("utf-8")
    opening = json.loads(re.search(r"PartnerMap\.partners\([^{]+\{.*\}, (\{\"types\".*?\})\);", html).group(1))
    assert (opening["types"], opening["year"], opening["lang"]) == ([0, 5], 2012, "da")
