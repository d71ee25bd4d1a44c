"""Property-based tests of the reader and the validator: whatever a file holds, the answer is
a problem report (or one clear message for the whole file), never an exception, and in time.

Examples are bounded so the suite stays quick (`FUZZ_EXAMPLES=5000 python -m pytest
tests/test_fuzz.py` searches harder); Hypothesis keeps the failures it finds in its database
and tries them first next time.
"""
from __future__ import annotations

import csv
import io
import os
import time

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partnerships.columns import CONTRACT_COLUMNS
from partnerships.filtering import View, YearMode, count, filter_partners
from partnerships.loading import Dataset, load_bytes
from partnerships.problems import DataFileError
from partnerships.reading import read_table
from partnerships.settings import Limits
from partnerships.table import display_table
from partnerships.timeline import gantt_frame, milestones_frame, year_unknown
from partnerships.writing import to_csv_bytes

LIMITS = Limits(max_bytes=20_000, max_rows=40, max_columns=30)
SECONDS = 5.0  # far more than any example takes; a hang or a quadratic blow-up exceeds it
FUZZ = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "120")), deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text as staff, spreadsheets and attackers write it: every plane, and the characters that
# matter here given a fair chance (separators, quotes, line ends, controls, bidi, digits).
# Lone surrogates are left out: no decoded file holds one.
TRICKY = ",;\t\"'\r\n\x00\x1b\x7f\x85\u202e\u2066\ufeff２٣.-=+@ Ã¸æøåÆØÅ<>&"
cells = st.text(st.one_of(st.sampled_from(TRICKY), st.characters(exclude_categories=["Cs"])), max_size=12)
known_values = st.sampled_from([
    "baoding", "City of Baoding", "Friendship city", "Venskabsby", "Baoding", "China", "CN", "Tyskland",
    "38.874", "115,4646", "2010", "2011.0", "２０１１", "", "https://example.org", "javascript:alert(1)",
    "2010-10: Signed | 2011: Friendship", "x" * 70,
])
header_names = st.lists(st.one_of(st.sampled_from(CONTRACT_COLUMNS), cells), min_size=1, max_size=8)


def _csv(rows: list[list[str]], separator: str) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=separator, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


@st.composite
def partner_files(draw) -> bytes:
    """A CSV with a header of (mostly) contract columns and rows of plausible or hostile cells,
    in any separator and encoding, sometimes cut short or spliced with raw bytes."""
    header = draw(header_names)
    width = len(header)
    rows = draw(st.lists(st.lists(st.one_of(known_values, cells), min_size=0, max_size=width + 2), max_size=12))
    text = _csv([header, *rows], draw(st.sampled_from([",", ";", "\t"])))
    raw = text.encode(draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"])), errors="replace")
    cut = draw(st.integers(0, len(raw)))
    splice = draw(st.binary(max_size=8))
    return draw(st.sampled_from([raw, raw[:cut], raw[:cut] + splice + raw[cut:]]))


def _read(raw: bytes) -> tuple[pd.DataFrame, list] | None:
    """read_table's answer, or None for a file refused as a whole; any other exception fails."""
    try:
        return read_table(raw, LIMITS)
    except DataFileError as err:
        assert str(err), "a refusal always says why"
        return None


def _timed(action):
    started = time.perf_counter()
    result = action()
    assert time.perf_counter() - started < SECONDS
    return result


@FUZZ
@given(st.binary(max_size=2_000))
def test_random_bytes_are_read_or_refused_with_a_message(raw):
    _timed(lambda: _read(raw))


@FUZZ
@given(partner_files())
def test_any_partner_file_is_read_or_refused_with_a_message(raw):
    found = _timed(lambda: _read(raw))
    if found is not None:
        frame, problems = found
        assert len(frame) <= LIMITS.max_rows and frame.shape[1] <= LIMITS.max_columns
        assert all(p.row is None or p.row >= 1 for p in problems)
        assert frame.index.is_unique


@FUZZ
@given(raw=partner_files())
def test_the_validator_answers_every_file_with_a_report(raw, vocabulary):
    dataset = _timed(lambda: load_bytes(raw, vocabulary))
    assert isinstance(dataset, Dataset)
    assert (dataset.fatal is None) or dataset.partners.empty
    if dataset.fatal is None and not dataset.partners.empty:
        _what_every_page_does(dataset)


def _what_every_page_does(dataset: Dataset) -> None:
    """The valid rows are safe to show: the filters, the table and the timeline take them all."""
    partners, vocabulary = dataset.partners, dataset.vocabulary
    written = partners["start_year"].isna()  # empty means unknown; a year that does not parse is an error
    assert not dataset.partners.loc[written].index.isin([p.row for p in dataset.errors]).any()
    for mode in YearMode:
        shown = filter_partners(partners, View(tuple(vocabulary.names), 2026, mode))
        count(shown, 2026)
    display_table(partners, vocabulary, "da")
    gantt_frame(partners, vocabulary, "en", 2026)
    year_unknown(partners, "da")
    milestones_frame(partners)


@FUZZ
@given(st.lists(st.lists(cells.map(str.strip), min_size=3, max_size=3), min_size=1, max_size=8))
def test_what_the_app_writes_it_reads_back_unchanged(rows):
    rows = [row for row in rows if any(row)]  # a row of empty cells is a blank line to Excel too
    frame = pd.DataFrame(rows, columns=["id", "name", "city"], dtype="str")
    found = _read(to_csv_bytes(frame))
    if found is None:  # only when the text itself reads as a binary file or a UTF-16 BOM
        return
    back, _ = found
    written = frame.map(lambda cell: cell.replace("\r\n", "\n").replace("\r", "\n"))  # as Excel writes them
    assert back.values.tolist() == written.values.tolist()
