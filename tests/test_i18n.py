"""The catalogs: every language has every key the code asks for, with the same fields to fill
and its own plural forms; no catalog holds a key nothing asks for; numbers in the language's signs."""
from __future__ import annotations

import re
import string

import pytest

from partnerships.i18n import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES, catalog, keys, number, plural, t
from partnerships.settings import ROOT

CODE_FOLDERS = ("*.py", "views/*.py", "app/*.py", "cli/*.py", "partnerships/**/*.py", "partnermap/*.py", "geo/*.py")


def _code() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for pattern in CODE_FOLDERS for path in ROOT.glob(pattern))


def _fields(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def _asked(code: str) -> set[str]:
    """The keys the code names literally in t(), plural() and said()."""
    return set(re.findall(r"\b(?:t|plural|said)\(\s*\"([a-z0-9_]+)\"", code))


def _used(key: str, code: str, prefixes: set[str]) -> bool:
    """A key is used when the code names it, builds it from a prefix (f"story_{name}") or is
    the tied form of a used one (_leaders_sentence)."""
    if f'"{key}"' in code or f"'{key}'" in code or any(key.startswith(prefix) for prefix in prefixes):
        return True
    return key.endswith("_tied") and _used(key.removesuffix("_tied"), code, prefixes)


def test_the_languages_table_names_each_language_in_itself_and_each_has_a_catalog():
    assert LANGUAGES[0] == DEFAULT_LANGUAGE and len(LANGUAGES) == len(set(LANGUAGES)) >= 2
    assert all(LANGUAGE_NAMES[code].strip() for code in LANGUAGES)
    assert all(catalog(code).wordings for code in LANGUAGES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_catalog_has_every_key_with_the_same_fields_and_its_plural_forms(lang):
    default, own = catalog(DEFAULT_LANGUAGE).wordings, catalog(lang).wordings
    assert set(own) == set(default), f"{lang} lacks {sorted(set(default) - set(own))}, has extra {sorted(set(own) - set(default))}"
    for key, text in default.items():
        theirs = own[key]
        assert isinstance(theirs, tuple) == isinstance(text, tuple), f"{lang} {key}: plural in one catalog only"
        forms, english = _forms(theirs), _forms(text)
        assert all(form.strip() for form in forms), f"{lang} {key}: an empty form"
        assert _all_fields(forms) - {"n"} == _all_fields(english) - {"n"}, f"{lang} {key}: {forms}"


def _forms(wording: str | tuple[str, ...]) -> tuple[str, ...]:
    return wording if isinstance(wording, tuple) else (wording,)


def _all_fields(forms: tuple[str, ...]) -> set[str]:
    return set().union(*map(_fields, forms))


def test_every_key_the_code_asks_for_exists_and_no_catalog_holds_one_nothing_asks_for():
    code = _code()
    asked = _asked(code)
    assert asked and asked <= keys(), sorted(asked - keys())
    prefixes = set(re.findall(r"f\"([a-z]+_)\{", code)) | set(re.findall(r"f'([a-z]+_)\{", code))
    unused = sorted(key for key in keys() if not _used(key, code, prefixes))
    assert not unused, unused


@pytest.mark.parametrize(("key", "n", "lang", "text"), [
    ("n_partnerships", 1, "da", "1 partnerskab"), ("n_partnerships", 7, "en", "7 partnerships"),
    ("n_partnerships", 0, "da", "0 partnerskaber"),
])
def test_plural_forms_follow_the_language_s_rule(key, n, lang, text):
    assert plural(key, n, lang) == text


def test_a_language_without_a_catalog_reads_the_default():
    assert t("metric_begun", "xx", year=2013) == t("metric_begun", DEFAULT_LANGUAGE, year=2013) == "Begun in 2013"
    assert t("metric_begun", "da", year=2013) == "Begyndt i 2013"


@pytest.mark.parametrize(("value", "spec", "lang", "text"), [
    (1234.5, ",.1f", "en", "1,234.5"), (1234.5, ",.1f", "da", "1.234,5"), (50_000, ",", "da", "50.000"),
    (1.5, ".1f", "en", "1.5"),
])
def test_numbers_in_the_language_s_signs(value, spec, lang, text):
    assert number(value, spec, lang) == text
