"""The session's view (types, year, mode, language, opened partner) and the URL that names it."""
from __future__ import annotations

from urllib.parse import urlencode, urlsplit, urlunsplit

import streamlit as st

from partnerships import settings, urlstate
from partnerships.escape import js_json
from partnerships.filtering import View, YearMode, default_year, year_range
from partnerships.i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from partnerships.loading import Dataset

MAP_PAGE = "views/home.py"
TYPES_KEY = "types"
YEAR_KEY = "year"
MODE_KEY = "year_mode"
LANG_KEY = "lang"
PARTNER_KEY = "partner"
MAP_KEY = "partner_map"
LAST_CLICK_KEY = "_last_map_click"
URL_READ_KEY = "_url_read"
PRESENT_PARAM, PRESENT_MODE = "mode", "present"  # ?mode=present (docs/presenting.md)


def language() -> str:
    lang = st.session_state.get(LANG_KEY, DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def year_bounds(dataset: Dataset) -> tuple[int, int]:
    return year_range(dataset.known_years, settings.current_year())


def first_year(dataset: Dataset) -> int:
    """The year a new visitor sees: the latest one the sources say something of, never in
    the future (filtering.default_year)."""
    low, _ = year_bounds(dataset)
    return max(default_year(dataset.known_years, settings.current_year()), low)


def current_view(dataset: Dataset) -> View:
    """The view the sidebar holds; defaults (all types, this year) when a page runs alone."""
    names = dataset.vocabulary.names if dataset.vocabulary else []
    low, high = year_bounds(dataset)
    chosen = st.session_state.get(TYPES_KEY, names)
    year = min(max(int(st.session_state.get(YEAR_KEY, first_year(dataset))), low), high)
    mode = YearMode(st.session_state.get(MODE_KEY, YearMode.ACTIVE.value))
    return View(tuple(name for name in chosen if name in names), year, mode)


def restore_view_from_url(dataset: Dataset) -> None:
    """On a session's first run, the view a link asks for (else the browser's language)."""
    if st.session_state.get(URL_READ_KEY):
        return
    st.session_state[URL_READ_KEY] = True
    found = {}
    if dataset.vocabulary is not None:
        found = urlstate.view_from_params(st.query_params.to_dict(), dataset.vocabulary, year_bounds(dataset))
    keys = {urlstate.YEAR: YEAR_KEY, urlstate.TYPES: TYPES_KEY, urlstate.LANG: LANG_KEY,
            urlstate.MODE: MODE_KEY, urlstate.PARTNER: PARTNER_KEY}
    for name, value in found.items():
        st.session_state[keys[name]] = value
    if urlstate.LANG not in found:
        st.session_state[LANG_KEY] = urlstate.language_from_locale(st.context.locale) or DEFAULT_LANGUAGE


def view_params(dataset: Dataset) -> dict[str, str]:
    """The URL parameters of what this session shows now."""
    if dataset.vocabulary is None:
        return {}
    return urlstate.params_for(current_view(dataset), language(), st.session_state.get(PARTNER_KEY), dataset.vocabulary)


def update_url(dataset: Dataset) -> None:
    """Moving a widget updates the address bar, so the URL always names the view."""
    params = view_params(dataset)
    if params and st.query_params.to_dict() != params:
        st.query_params.from_dict(params)


def share_link(dataset: Dataset, lang: str) -> None:
    """The address of this exact view, in a box to select and with a Copy button beside it.

    In the page itself, not in an iframe, so the clipboard is the page's own. Where the browser
    offers no clipboard to the page (plain http on another machine), the button selects the link
    and asks for Ctrl+C. The link and the words reach the script as escaped JSON only.
    """
    link = view_link(st.context.url or "", view_params(dataset))
    if link:
        with st.container(key="share_link"):  # not on paper (app/page.py's print style)
            st.caption(f"{t('copy_link', lang)} · {t('copy_link_help', lang)}")
            st.html(share_link_html(link, lang), unsafe_allow_javascript=True)


def view_link(page_url: str, params: dict[str, str]) -> str | None:
    """The page's address with these parameters; None when the address is unknown."""
    parts = urlsplit(page_url)
    if not parts.netloc:
        return None
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", urlencode(params), ""))


def share_link_html(link: str, lang: str) -> str:
    words = {"link": link, "label": t("copy_link", lang), "copy": t("copy_button", lang),
             "copied": t("copy_done", lang), "manual": t("copy_manual", lang)}
    return SHARE_LINK_HTML.replace("WORDS", js_json(words))


SHARE_LINK_HTML = """<style>
.share-link { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; }
.share-link input, .share-link button { font: inherit; font-size: 0.875rem; color: inherit; border-radius: 0.5rem;
  border: 1px solid rgba(49, 51, 63, 0.25); padding: 0.4rem 0.75rem; }
.share-link input { flex: 1 1 16rem; min-width: 0; background: #f0f2f6; }
.share-link button { flex: none; background: #fff; cursor: pointer; }
.share-link button:hover, .share-link button:focus-visible { border-color: #0072b2; color: #0072b2; }
.share-link [role=status] { font-size: 0.875rem; color: #555a66; }
</style>
<div class="share-link"><input type="text" readonly><button type="button"></button><span role="status"></span></div>
<script>
(function () {
  var words = WORDS, root = document.currentScript.parentNode.querySelector(".share-link");
  var input = root.querySelector("input"), button = root.querySelector("button");
  var status = root.querySelector("[role=status]");
  input.value = words.link;
  input.setAttribute("aria-label", words.label);
  button.textContent = words.copy;
  input.addEventListener("focus", function () { input.select(); });
  function selectAndCopy() {
    input.focus();
    input.select();
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
    status.textContent = copied ? words.copied : words.manual;
  }
  button.addEventListener("click", function () {
    if (!navigator.clipboard || !window.isSecureContext) { selectAndCopy(); return; }
    navigator.clipboard.writeText(words.link).then(function () { status.textContent = words.copied; }, selectAndCopy);
  });
})();
</script>"""
