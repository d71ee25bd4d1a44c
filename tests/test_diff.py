"""The preview before a save and the history: what changed, matched by id, in reading order."""
from __future__ import annotations

import pandas as pd
import pytest

from partnerships.diff import Change, FieldChange, diff_tables, rest_page, rest_pages, summary
from partnerships.reading import read_table

OLD = "id,name,city\nbaoding,City of Baoding,Baoding\nhaiyan,Haiyan County,Haiyan\nflensburg,Klimapakt,Flensburg\n"

Short = tuple[str, str, str, tuple[tuple[str, str, str], ...]]


def _table(text: str) -> pd.DataFrame:
    return read_table(text.encode())[0]


def _short(changes: list[Change]) -> list[Short]:
    return [(c.kind, c.id, c.name, tuple((f.column, f.old, f.new) for f in c.fields)) for c in changes]


def _whole(kind: str, label: str, title: str, /, **cells: str) -> Short:
    """An added or removed partnership: every filled cell appears or disappears."""
    return (kind, label, title, tuple((c, "", v) if kind == "added" else (c, v, "") for c, v in cells.items()))


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(OLD, OLD, [], id="identical"),
        pytest.param(
            OLD,
            OLD + "wwf,WWF,Copenhagen\n",
            [_whole("added", "wwf", "WWF", id="wwf", name="WWF", city="Copenhagen")],
            id="added",
        ),
        pytest.param(
            OLD,
            OLD.replace("haiyan,Haiyan County,Haiyan\n", ""),
            [_whole("removed", "haiyan", "Haiyan County", id="haiyan", name="Haiyan County", city="Haiyan")],
            id="removed",
        ),
        pytest.param(
            OLD,
            OLD.replace("Haiyan County,Haiyan", "Haiyan County (Zhejiang),Jiaxing"),
            [
                (
                    "changed",
                    "haiyan",
                    "Haiyan County (Zhejiang)",
                    (("name", "Haiyan County", "Haiyan County (Zhejiang)"), ("city", "Haiyan", "Jiaxing")),
                )
            ],
            id="changed-only-differing-fields",
        ),
        pytest.param(
            OLD,
            "id,name,city\nflensburg,Klimapakt,Flensburg\nbaoding,City of Baoding,Baoding\n"
            "haiyan,Haiyan County,Haiyan\n",
            [],
            id="reordered-rows-are-not-a-change",
        ),
        pytest.param(
            OLD,
            "City ; Name ; ID\n Baoding ; City of Baoding ;baoding\r\nHaiyan;Haiyan County;  haiyan\r\n\r\n"
            "Flensburg;Klimapakt;flensburg\r\n",
            [],
            id="excel-variant-with-spaces-and-column-order-is-the-same",
        ),
        pytest.param(
            OLD,
            "id,name,city,source\nbaoding,City of Baoding,Baoding,Town hall\nhaiyan,Haiyan County,Haiyan,\n"
            "flensburg,Klimapakt,Flensburg,\n",
            [("changed", "baoding", "City of Baoding", (("source", "", "Town hall"),))],
            id="unknown-column-added",
        ),
        pytest.param(
            "id,name,city,notes\nbaoding,City of Baoding,Baoding,keep\nhaiyan,Haiyan County,Haiyan,\n"
            "flensburg,Klimapakt,Flensburg,\n",
            OLD,
            [("changed", "baoding", "City of Baoding", (("notes", "keep", ""),))],
            id="unknown-column-dropped",
        ),
        pytest.param(
            OLD,
            OLD.replace("haiyan,", "haiyan-county,"),
            [
                _whole("removed", "haiyan", "Haiyan County", id="haiyan", name="Haiyan County", city="Haiyan"),
                _whole(
                    "added", "haiyan-county", "Haiyan County", id="haiyan-county", name="Haiyan County", city="Haiyan"
                ),
            ],
            id="edited-id-is-removed-plus-added",
        ),
        pytest.param(
            "id,name,city\n,Nameless,Oslo\nbaoding,City of Baoding,Baoding\n,Second,Bergen\n",
            "id,name,city\nbaoding,City of Baoding,Baoding\n,Nameless,Oslo\n,Second,Trondheim\n,Third,Tromsø\n",
            [
                ("changed", "(row 4)", "Second", (("city", "Bergen", "Trondheim"),)),
                _whole("added", "(row 5)", "Third", name="Third", city="Tromsø"),
            ],
            id="missing-ids-compared-by-position-among-themselves",
        ),
        pytest.param(
            "id,name,city\nbaoding,City of Baoding,Baoding\nbaoding,Copy,Baoding\n",
            "id,name,city\nbaoding,City of Baoding,Baoding\nbaoding,Copy,Baoding\nbaoding,Third copy,Baoding\n",
            [_whole("added", "baoding (row 4)", "Third copy", id="baoding", name="Third copy", city="Baoding")],
            id="duplicate-ids-compared-by-position-among-repeats",
        ),
        pytest.param(
            "name,city\nA,Oslo\n",
            "name,city\nA,Bergen\n",
            [("changed", "(row 2)", "A", (("city", "Oslo", "Bergen"),))],
            id="no-id-column-at-all",
        ),
        pytest.param(
            "id,city\nbaoding,Baoding\n",
            "id,city\nbaoding,Baoding\nwwf,\n",
            [_whole("added", "wwf", "", id="wwf")],
            id="no-name-column-and-empty-fields-left-out",
        ),
    ],
)
def test_diff(old, new, expected):
    assert _short(diff_tables(_table(old), _table(new))) == expected


def test_changed_and_removed_follow_the_old_file_then_added_follow_the_new_file():
    old = _table("id,name\na,A\nb,B\nc,C\nd,D\n")
    new = _table("id,name\nz,Z\nd,D2\ny,Y\nb,B2\n")
    assert [(c.kind, c.id) for c in diff_tables(old, new)] == [
        ("removed", "a"),
        ("changed", "b"),
        ("removed", "c"),
        ("changed", "d"),
        ("added", "z"),
        ("added", "y"),
    ]


def test_labels_use_the_excel_row_of_the_version_they_come_from():
    old = _table("id,name\n\n,Gone\n")
    new = _table("id,name\n\n\n\nx,X\n")
    assert [(c.kind, c.id) for c in diff_tables(old, new)] == [("removed", "(row 3)"), ("added", "x")]


def test_missing_cells_from_an_editor_count_as_empty():
    old = pd.DataFrame({"id": ["a"], "name": ["A"], "url": [None]}, index=[2])
    new = pd.DataFrame({"id": ["a"], "name": ["A"], "url": [float("nan")]}, index=[2])
    assert diff_tables(old, new) == []


def test_an_empty_version_makes_everything_added_or_removed():
    table = _table(OLD)
    assert summary(diff_tables(pd.DataFrame(), table)) == {"added": 3, "changed": 0, "removed": 0}
    assert summary(diff_tables(table, pd.DataFrame())) == {"added": 0, "changed": 0, "removed": 3}


def test_summary_counts_every_kind_even_when_none():
    changes = [Change("changed", "a", "A", (FieldChange("name", "A", "B"),)), Change("added", "b", "B", ())]
    assert summary(changes) == {"added": 1, "changed": 1, "removed": 0}
    assert summary([]) == {"added": 0, "changed": 0, "removed": 0}


def _many(n: int) -> list[Change]:
    return [Change("changed", f"p{i}", f"Partner {i}", (FieldChange("city", "A", "B"), FieldChange("url", "", "x")))
            for i in range(n)]


@pytest.mark.parametrize(("n", "pages"), [(0, 0), (20, 0), (21, 1), (120, 1), (121, 2), (50_020, 500)])
def test_after_the_first_twenty_the_rest_come_a_page_of_a_hundred_at_a_time(n, pages):
    assert rest_pages(_many(n)) == pages


def test_a_page_is_one_row_per_field_changed_and_out_of_range_pages_are_the_nearest():
    changes = _many(250)
    assert rest_page(changes, 1)[:2] == [("changed", "p20", "Partner 20", "city", "A", "B"),
                                         ("changed", "p20", "Partner 20", "url", "", "x")]
    assert len(rest_page(changes, 1)) == 200 and rest_page(changes, 3)[-1][1] == "p249"
    assert rest_page(changes, 99) == rest_page(changes, 3) and rest_page(changes, 0) == rest_page(changes, 1)
    assert rest_page(_many(5), 1) == []
