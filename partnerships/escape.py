"""The one place where text from the CSV is made safe for HTML, Markdown and JavaScript.

Names and descriptions are typed by people and uploaded by staff; any of them may hold `<`,
quotes or `</script>`. Folium's Popup and Tooltip do not make text safe, so nothing from the
data reaches a page except through these functions.
"""
from __future__ import annotations

import html
import json
import re

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")
# Inside JSON strings only: characters that could end a <script>, open a comment or a
# template, or break a JavaScript string literal in older engines.
_JS_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027",
              "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JS_UNSAFE_RE = re.compile("[<>&'\u2028\u2029]")
# The one rule for a web link, wherever one is checked: the schema, the editor, what is shown.
WEB_URL = r"[hH][tT][tT][pP][sS]?://[^\s/?#]+\S*"
_WEB_URL = re.compile(WEB_URL)


def markdown_text(value: object) -> str:
    """Text for st.markdown: no markup, links or HTML from the data survive."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(str(value), quote=False))


def js_json(value: object) -> str:
    """JSON that can sit inside a <script> element or a JavaScript expression as it is.

    `{{` is broken up too, so that no template engine on the way treats data as a template.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _JS_UNSAFE_RE.sub(lambda m: _JS_UNSAFE[m.group()], text).replace("{{", "{\\u007b")


def safe_url(value: object) -> str | None:
    """The link if it is http(s) with a host and no spaces (WEB_URL), else None: never
    javascript: or data:."""
    text = str(value or "").strip()
    return text if _WEB_URL.fullmatch(text) else None
