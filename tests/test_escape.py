"""Text from the CSV is made safe before it reaches HTML, Markdown or JavaScript."""
from __future__ import annotations

import json
import re

import pytest

from partnerships.escape import js_json, markdown_text, safe_url

HOSTILE = "</script><script>alert('x')</script><img src=x onerror=alert(1)> & {{'map'}} \u2028"


def test_js_json_round_trips_and_cannot_close_a_script():
    text = js_json({"name": HOSTILE})
    assert json.loads(text) == {"name": HOSTILE}
    for forbidden in ("</script", "<img", "'", "{{", "\u2028"):
        assert forbidden not in text


@pytest.mark.parametrize(
    "text", ["[click](javascript:alert(1))", "**bold** _it_", "<script>x</script>", "# heading", "`code`"],
)
def test_markdown_text_leaves_no_markup(text):
    escaped = markdown_text(text)
    assert re.search(r"(?<!\\)[*_`\[\]()#]", escaped) is None  # every markup character is escaped
    assert "<" not in escaped


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.c40.org", "https://www.c40.org"),
        ("http://example.org/a?b=1", "http://example.org/a?b=1"),
        ("javascript:alert(1)", None),
        ("JavaScript:alert(1)", None),
        ("data:text/html,<script>", None),
        ("//evil.example", None),
        ("https://", None),
        ("https://exa mple.org", None),
        ("", None),
        (None, None),
    ],
)
def test_safe_url_accepts_only_http_links(url, expected):
    assert safe_url(url) == expected
