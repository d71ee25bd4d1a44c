"""Any file `validate` accepts opens on every page and in the exported file, whatever columns are
empty: no years at all, one year for every row, one row, thousands of rows.

Random valid files (Hypothesis) go through the validator, every page in AppTest, in both year
modes and both languages, and through `export-map`. Examples are few so the suite stays quick;
`FUZZ_EXAMPLES=200 python -m pytest tests/test_valid_files_app.py` searches harder.
"""
from __future__ import annotations

import csv
import io
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from cli import main as cli
from partnerships.loading import load_partners
from partnerships.settings import ROOT, TYPES_FILE_NAME, current_year
from partnerships.vocabulary import load_vocabulary
from tests.conftest import SHIPPED

PAGES = ("views/home.py", "views/partners.py", "views/charts.py", "views/timeline.py", "views/manage.py")
TYPES = load_vocabulary(SHIPPED / TYPES_FILE_NAME).names
EXAMPLES = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "6")), deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])
# Places given by coordinates, and some left for the gazetteer to find.
PLACES = [("Kiel", "Germany", "54.3233", "10.1228"), ("Oslo", "NO", "59.9127", "10.7461"),
          ("Lund", "Sverige", "55.7047", "13.191"), ("Baoding", "China", "38.874", "115.4646"),
          ("Peoria, Illinois", "United States", "40.6936", "-89.589"), ("Gdańsk", "Poland", "54.352", "18.6466")]
OPTIONAL = ("end_year", "confirmed", "description", "url", "name_da", "city_da", "milestones", "region", "source")


@st.composite
def valid_files(draw) -> str:
    """A valid partner file: the required columns, any of the optional ones (full, empty or
    mixed), and years all empty, all one year, or spread."""
    n = draw(st.sampled_from([1, 2, 3, 7, 25]))
    years = draw(st.sampled_from(["none", "one", "this year", "spread", "some"]))
    optional = draw(st.lists(st.sampled_from(OPTIONAL), unique=True, max_size=len(OPTIONAL)))
    located = draw(st.sampled_from(["given", "found", "mixed"]))
    header = ["id", "name", "type", "city", "country", "lat", "lon", "start_year", *optional]
    rows = [header]
    for i in range(n):
        city, country, lat, lon = draw(st.sampled_from(PLACES))
        if located == "found" or (located == "mixed" and i % 2):
            lat = lon = ""
        start = {"none": None, "one": 2011, "this year": current_year(), "spread": 1990 + (i * 7) % 36,
                 "some": 2000 + i if i % 3 == 0 else None}[years]
        values = {
            "end_year": draw(st.sampled_from(["", str(start + 2) if start else ""])),
            "confirmed": draw(st.sampled_from(["", str(max(start or 2014, 2014)), str(start) if start else ""])),
            "description": draw(st.sampled_from(["", "A short note.", "constructor"])),
            "url": draw(st.sampled_from(["", "https://example.org/x"])),
            "name_da": draw(st.sampled_from(["", f"Partner {i} på dansk"])),
            "city_da": draw(st.sampled_from(["", city])),
            "milestones": draw(st.sampled_from(["", "2010: Signed | 2012-05: Renewed"])),
            "region": "", "source": draw(st.sampled_from(["", "A list"])),
        }
        rows.append([f"p-{i}", draw(st.sampled_from([f"Partner {i}", f"Ærø {i}", f"<b>{i}</b>"])),
                     draw(st.sampled_from(TYPES)), city, country, lat, lon, "" if start is None else str(start),
                     *(values[column] for column in optional)])
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


@contextmanager
def partner_file(text: str):
    """The file beside a copy of the shipped types file, named by PARTNERS_CSV while inside."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "partners.csv"
        path.write_text(text, encoding="utf-8")
        (Path(folder) / TYPES_FILE_NAME).write_bytes((SHIPPED / TYPES_FILE_NAME).read_bytes())
        before = os.environ.get("PARTNERS_CSV")
        os.environ["PARTNERS_CSV"] = str(path)
        try:
            yield path
        finally:
            os.environ.pop("PARTNERS_CSV") if before is None else os.environ.__setitem__("PARTNERS_CSV", before)


def every_page_opens(**params: str) -> None:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.query_params.update(params)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, [e.message for e in at.exception])
    present = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    present.query_params.update({**params, "mode": "present"})
    present.run()
    assert not present.exception, [e.message for e in present.exception]


def validate_accepts_and_exports(path: Path, tmp: Path) -> None:
    dataset = load_partners(path)
    assert dataset.fatal is None and not [p for p in dataset.problems if p.severity == "error"], dataset.problems
    assert cli.main(["validate", str(path)]) == 0
    assert cli.main(["export-map", str(tmp / "map.html")]) == 0
    assert "</html>" in (tmp / "map.html").read_text(encoding="utf-8")


@EXAMPLES
@given(text=valid_files(), params=st.sampled_from([{}, {"lang": "da"}, {"show": "begun", "year": "1995"}]))
def test_any_valid_file_opens_on_every_page_and_exports(text, params):
    with partner_file(text) as path:
        validate_accepts_and_exports(path, path.parent)
        every_page_opens(**params)


@pytest.mark.parametrize("years", ["none", "one"])
def test_five_thousand_rows_with_no_years_or_one_year_open_everywhere(years, tmp_path, capsys):
    rows = [f"p-{i},Partner {i},{TYPES[i % len(TYPES)]},Town {i},Germany,{49.5 + i % 300 / 100},{8 + i % 400 / 100},"
            f"{'' if years == 'none' else 2011}" for i in range(5000)]
    with partner_file("id,name,type,city,country,lat,lon,start_year\n" + "\n".join(rows) + "\n") as path:
        validate_accepts_and_exports(path, tmp_path)
        assert "5000 partnerships" in capsys.readouterr().out
        every_page_opens()


@pytest.mark.parametrize("name", ["us", "france", "norway", "japan"])
def test_real_shaped_lists_with_no_years_open_on_every_page_and_export(name, tmp_path):
    """The lists of tests/data/lists as a municipality writes them: city, country, maybe a region,
    no coordinates and no years. A row the gazetteer cannot place is an error; the rest are drawn."""
    with (Path(__file__).parent / "data" / "lists" / f"{name}.csv").open(encoding="utf-8", newline="") as source:
        rows = list(csv.DictReader(source))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "name", "type", "city", "country", "region", "start_year"])
    writer.writerows([f"r{i}", f"{row['city']} partnership", TYPES[i % len(TYPES)], row["city"], row["country"],
                      row["region"], ""] for i, row in enumerate(rows))
    with partner_file(out.getvalue()) as path:
        dataset = load_partners(path)
        assert dataset.fatal is None and len(dataset.partners) >= 0.97 * (len(rows) - 1)
        assert cli.main(["export-map", str(tmp_path / "map.html")]) == 0
        every_page_opens()
        every_page_opens(lang="da", show="begun")
