"""AppTest: a file whose ids, names, types and headers are JavaScript object keys (`constructor`,
`__proto__`, …) runs on every page, and no chart carries such text outside its data, where Vega
would take it for a name of its own (tests/object_keys.py; the browser half is
tests/browser/test_object_keys.py)."""
from __future__ import annotations

import json

import pyarrow as pa
from streamlit.testing.v1 import AppTest

from partnerships.settings import ROOT
from tests.object_keys import IDS, keys_in_spec, write_object_key_files

TIMEOUT = 60
CHART = "vega_lite_chart"
PAGES = ("home", "partners", "charts", "timeline", "manage", "present")


def run(page: str, lang: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "views" / f"{page}.py"), default_timeout=TIMEOUT)
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception, (page, [e.message for e in at.exception])
    return at


def test_object_keys_work_on_every_page_and_stay_out_of_the_charts_specs(monkeypatch, tmp_path):
    monkeypatch.setenv("PARTNERS_CSV", str(write_object_key_files(tmp_path)))
    charts: dict[str, list] = {}
    for lang in ("en", "da"):
        for page in PAGES:
            at = run(page, lang)
            assert not at.error, (page, [e.value for e in at.error])
            charts[f"{page} {lang}"] = list(at.get(CHART))
    assert {name: len(drawn) for name, drawn in charts.items() if drawn} == {
        "charts en": 3, "timeline en": 1, "charts da": 3, "timeline da": 1}
    for name, drawn in charts.items():
        for chart in drawn:
            assert keys_in_spec(json.loads(chart.proto.spec)) == set(), name
    (timeline,) = charts["timeline en"]
    shown = {row["id"] for dataset in timeline.proto.datasets
             for row in pa.ipc.open_stream(dataset.data.data).read_all().to_pylist() if "id" in row}
    assert shown == set(IDS)
