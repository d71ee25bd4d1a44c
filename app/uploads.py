"""An uploaded partner file, read as the data file is: CSV or workbook, by the same rules.

The uploader takes any file, so a wrong one is said on the page, in its language, with what was
given and what is taken (Streamlit's own type filter only shows a red mark with an English
tooltip). The preview reports the upload as it came, with its own row numbers and what reading
it noticed (a workbook's formulas, dates, merged cells), not the canonical copy that is saved.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from partnerships.escape import markdown_text
from partnerships.i18n import t
from partnerships.loading import Dataset, load_table
from partnerships.problems import DataFileError
from partnerships.reading import read_table
from partnerships.vocabulary import Vocabulary
from partnerships.workbook import UPLOAD_SUFFIXES, readable_name


def read_upload(uploaded: UploadedFile | None, vocabulary: Vocabulary,
                lang: str) -> tuple[pd.DataFrame, Dataset] | None:
    """The upload's table and its validation; None (with the reason on the page) when unusable."""
    if uploaded is None:
        return None
    if not readable_name(uploaded.name):
        st.error(markdown_text(t("upload_wrong_type", lang, name=uploaded.name, accepted=", ".join(UPLOAD_SUFFIXES))))
        return None
    table, dataset = read(uploaded.getvalue(), uploaded.name, vocabulary)
    if table is None:
        st.error(markdown_text(dataset.fatal.text(lang)))
        return None
    return table, dataset


@st.cache_data(max_entries=4, show_spinner=False)
def read(raw: bytes, name: str, vocabulary: Vocabulary) -> tuple[pd.DataFrame | None, Dataset]:
    """Read once and validated once per upload, not on every rerun while it stays in the
    uploader (a workbook of 50,000 rows takes seconds to read)."""
    try:
        table, problems = read_table(raw, file_name=name)
    except DataFileError as err:
        return None, Dataset(pd.DataFrame(), vocabulary, fatal=err.said)
    return table, load_table(table.copy(), problems, vocabulary)
