"""Every word the app shows exists in English and Danish, with the same fields to fill."""
from __future__ import annotations

import re
import string

import pytest

from partnerships.i18n import LANGUAGES, STRINGS, plural, t
from partnerships.settings import ROOT


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_every_string_in_both_languages_with_the_same_fields(key):
    texts = STRINGS[key]
    assert set(texts) == set(LANGUAGES), f"{key} lacks {set(LANGUAGES) - set(texts)}"
    assert all(text.strip() for text in texts.values()), f"{key} has an empty translation"
    fields = {lang: {f for _, f, _, _ in string.Formatter().parse(text) if f} for lang, text in texts.items()}
    assert fields["en"] == fields["da"], f"{key}: {fields}"
    assert texts["en"].count("|") == texts["da"].count("|"), f"{key}: plural forms differ"


def test_every_key_the_code_asks_for_exists():
    code = "\n".join(p.read_text() for p in [*ROOT.glob("*.py"), *ROOT.glob("views/*.py"), *ROOT.glob("partnerships/**/*.py")])
    asked = set(re.findall(r"\bt\(\s*\"([a-z_]+)\"", code)) | set(re.findall(r"plural\(\s*\"([a-z_]+)\"", code))
    assert asked and asked <= set(STRINGS), sorted(asked - set(STRINGS))


def test_plural_forms():
    assert plural("n_partnerships", 1, "da") == "1 partnerskab"
    assert plural("n_partnerships", 7, "en") == "7 partnerships"
    assert t("metric_begun", "da", year=2013) == "Begyndt i 2013"


def test_no_key_is_defined_twice():
    from partnerships import i18n
    from partnerships.strings_charts import CHART_STRINGS
    from partnerships.strings_staff import STAFF_STRINGS

    keys = [*i18n._PAGES, *CHART_STRINGS, *STAFF_STRINGS]
    assert len(keys) == len(set(keys))
