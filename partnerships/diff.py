"""What changed between two versions of the partner file, partnership by partnership.

Shown before a save, so staff see what they are about to write, and in the history, to say
what a backup differs by. Partnerships are matched by id, so moving rows is not a change and
an edited id is one partnership removed and another added.

Rows an id cannot match are still compared, never dropped: the k-th row with a given id in
the old version is matched with the k-th row with that id in the new one. So rows without an
id are compared by their position among the id-less rows, and a repeated id's second row
with the other version's second row. They are named by their Excel row in the version they
come from (the new one, except for removals): "(row 7)" without an id, "baoding (row 7)" for
a repeat.
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from partnerships.schema import ID, NAME

Kind = Literal["added", "changed", "removed"]
KINDS: tuple[Kind, ...] = ("added", "changed", "removed")
FIRST_SHOWN = 20  # changes shown one by one, field by field; the rest in pages of a table
PAGE_SIZE = 100  # changes per page of that table (a row per field changed)


@dataclass(frozen=True)
class FieldChange:
    column: str
    old: str
    new: str


@dataclass(frozen=True)
class Change:
    """One partnership that differs; `fields` in column order, "" where a cell is empty or
    its column is missing from that version."""

    kind: Kind
    id: str
    name: str
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True)
class _Version:
    """One table made comparable: its cells as text in the shared column order, and per row
    the key it is matched by, its id, which repeat of that id it is, and its Excel row."""

    cells: np.ndarray
    keys: pd.Index
    ids: np.ndarray
    repeat: np.ndarray
    rows: np.ndarray

    def label(self, position: int) -> str:
        row_id, row = self.ids[position], self.rows[position]
        if not row_id:
            return f"(row {row})"
        return row_id if self.repeat[position] == 0 else f"{row_id} (row {row})"


def _cells(frame: pd.DataFrame, columns: list[str]) -> np.ndarray:
    """Python strings in the shared column order; a missing column, None or NaN (a blank cell
    from an editor) is "". Text columns are taken as they are: converting 50,000 rows of
    text to pandas strings and back would cost more than the whole comparison."""
    table = frame.reindex(columns=columns)
    cells = table.to_numpy(dtype=object, copy=True)
    cells[pd.isna(cells)] = ""
    for position, dtype in enumerate(table.dtypes):
        if not pd.api.types.is_string_dtype(dtype):
            cells[:, position] = [str(value) for value in cells[:, position]]
    return cells


def _version(frame: pd.DataFrame, columns: list[str]) -> _Version:
    cells = _cells(frame, columns)
    ids = pd.Series(cells[:, columns.index(ID)] if ID in columns else [""] * len(cells), dtype=object)
    repeat = ids.groupby(ids, sort=False).cumcount()
    keys = pd.Index(ids + "\x00" + repeat.astype(str))
    return _Version(cells, keys, ids.to_numpy(), repeat.to_numpy(), frame.index.to_numpy())


def diff_tables(old: pd.DataFrame, new: pd.DataFrame) -> list[Change]:
    """Changed and removed partnerships in the old file's order, then the added ones in the
    new file's order. Takes `read_table`'s frames: strings, index = Excel row."""
    columns = list(dict.fromkeys([*old.columns, *new.columns]))
    before, after = _version(old, columns), _version(new, columns)
    in_new = after.keys.get_indexer(before.keys)
    kept = in_new >= 0
    differs = np.zeros(len(in_new), dtype=bool)
    differs[kept] = (before.cells[kept] != after.cells[in_new[kept]]).any(axis=1)
    reported = np.flatnonzero(differs | ~kept)
    added = np.flatnonzero(before.keys.get_indexer(after.keys) < 0)

    blank = [""] * len(columns)
    name = columns.index(NAME) if NAME in columns else None

    def change(kind: Kind, version: _Version, position: int, old_row: list[str], new_row: list[str]) -> Change:
        shown = new_row if kind != "removed" else old_row
        fields = tuple([FieldChange(c, a, b) for c, a, b in zip(columns, old_row, new_row, strict=True) if a != b])
        return Change(kind, version.label(position), "" if name is None else shown[name], fields)

    changes: list[Change] = []
    old_rows = before.cells[reported].tolist()
    for position, match, old_row in zip(reported.tolist(), in_new[reported].tolist(), old_rows, strict=True):
        if match >= 0:
            changes.append(change("changed", after, match, old_row, after.cells[match].tolist()))
        else:
            changes.append(change("removed", before, position, old_row, blank))
    for position, new_row in zip(added.tolist(), after.cells[added].tolist(), strict=True):
        changes.append(change("added", after, position, blank, new_row))
    return changes


def summary(changes: Iterable[Change]) -> dict[str, int]:
    """How many partnerships were added, changed and removed; every kind present, 0 or not."""
    counts = Counter(change.kind for change in changes)
    return {kind: counts[kind] for kind in KINDS}


def rest_pages(changes: Sequence[Change], first: int = FIRST_SHOWN, size: int = PAGE_SIZE) -> int:
    """How many pages the changes after the first `first` take; 0 when there are none."""
    return math.ceil(max(0, len(changes) - first) / size)


def rest_page(changes: Sequence[Change], page: int, first: int = FIRST_SHOWN,
              size: int = PAGE_SIZE) -> list[tuple[Kind, str, str, str, str, str]]:
    """Page `page` (from 1) of the changes after the first: one row per field changed, (kind,
    id, name, column, before, after), so 50,000 changes cost a page's rows, not 50,000 of anything."""
    start = first + (min(max(page, 1), max(rest_pages(changes, first, size), 1)) - 1) * size
    return [(change.kind, change.id, change.name, field.column, field.old, field.new)
            for change in changes[start:start + size] for field in change.fields]
