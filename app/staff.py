"""Who may edit where sign-in is not set up: the staff password on the Manage data page, throttled,
with Log out and an idle lock; and what a session holds while it edits, on either path (the
sign-in path is app/signin.py). The rules (the password's source, the waits) live in
partnerships.access."""
from __future__ import annotations

import streamlit as st

from partnerships import access, settings
from partnerships.i18n import plural, t

# What a session holds while it edits: Log out and the idle lock drop all of it.
UNLOCKED_KEY = "manage_unlocked"
SNAPSHOT_KEY = "manage_snapshot"
EDITOR_KEY = "manage_editor"
UPLOAD_KEY = "manage_upload"
NOTICE_KEY = "manage_notice"
BACKUP_KEY = "manage_backup"
FAILURES_KEY = "manage_failures"
ACTIVE_KEY = "manage_active_at"
LOCKED_KEY = "manage_locked_because"
PASSWORD_KEY = "manage_password"
SAVED_BY_KEY = "manage_saved_by"
FORM_WIDTH = 420
# What a session holds while it edits: Log out and the idle lock drop all of it.
EDITING_KEYS = (UNLOCKED_KEY, ACTIVE_KEY, SAVED_BY_KEY, SNAPSHOT_KEY, EDITOR_KEY, UPLOAD_KEY, NOTICE_KEY,
                BACKUP_KEY)


def read_secrets() -> dict:
    try:
        return dict(st.secrets)
    except Exception:  # no secrets file at all is the usual case, not an error
        return {}


def end_editing(why: str) -> None:
    """Drop the unlock and every edit in progress."""
    if any(key in st.session_state for key in EDITING_KEYS):
        for key in EDITING_KEYS:
            st.session_state.pop(key, None)
        access.log.info("Staff editing ended: %s", why)


def lock(message: str, why: str) -> None:
    """End this session's editing: the unlock and every edit in progress go, and the page says why."""
    end_editing(why)
    st.session_state[LOCKED_KEY] = message


def saved_by() -> str:
    """Who saves from this session, as every version records it: the signed-in e-mail address, or
    "staff password"."""
    return st.session_state.get(SAVED_BY_KEY) or access.SAVED_BY_PASSWORD


def unlocked(lang: str) -> bool:
    """True while this session is unlocked: it gave the right password, has not logged out and has
    run this page within `PARTNERS_EDIT_IDLE_MINUTES`; otherwise draws the lock and says why."""
    expected = access.configured_password(read_secrets())
    if expected is None:
        st.info(t("manage_off", lang))
        return False
    if st.session_state.get(UNLOCKED_KEY):
        now, idle = access.THROTTLE.clock(), settings.edit_idle_minutes()
        if now - st.session_state.get(ACTIVE_KEY, now) < idle * 60:
            st.session_state[ACTIVE_KEY] = now
            st.button(t("log_out", lang), key="manage_log_out", on_click=lock,
                      args=(t("logged_out", lang), "logged out"))
            return True
        lock(plural("locked_idle", idle, lang), f"idle for {idle} minutes")
    return password_form(expected, lang)


def password_form(expected: str, lang: str) -> bool:
    """The password, throttled: past the free tries each one waits its turn, and one given while a
    wait runs is refused unchecked, with the time left (the server thread never sleeps)."""
    reason = st.session_state.pop(LOCKED_KEY, None)
    if reason:
        st.info(reason)
    failures = st.session_state.setdefault(FAILURES_KEY, access.THROTTLE.new_session())
    with st.form("unlock", clear_on_submit=True, enter_to_submit=False, width=FORM_WIDTH):
        given = st.text_input(t("password", lang), type="password", key=PASSWORD_KEY)
        if not st.form_submit_button(t("unlock", lang)):
            wait = access.THROTTLE.wait(failures)
            if wait:
                st.warning(wait_text(wait, lang))
            return False
        attempt = access.THROTTLE.attempt(given, expected, failures)
        if attempt.ok:
            st.session_state[UNLOCKED_KEY] = True
            st.session_state[ACTIVE_KEY] = access.THROTTLE.clock()
            st.session_state[SAVED_BY_KEY] = access.SAVED_BY_PASSWORD
            st.rerun()
        if not attempt.checked:
            st.error(" ".join((wait_text(attempt.wait, lang), t("password_not_checked", lang))))
            return False
        st.error(t("wrong_password", lang))
        if attempt.wait:
            st.warning(wait_text(attempt.wait, lang))
    return False


def wait_text(wait: float, lang: str) -> str:
    return plural("password_wait", access.whole_seconds(wait), lang)
