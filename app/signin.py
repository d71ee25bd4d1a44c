"""Who may edit on Manage data: with `[auth]` in the secrets, staff sign in with their own accounts
(`st.login`, `st.user`, `st.logout`; OpenID Connect) and the allow-list decides; without it, the
shared password of app/staff.py. The rules live in partnerships.access (the allow-list) and
partnerships.signins (the providers, the idle lock of a sign-in)."""
from __future__ import annotations

from collections.abc import Mapping

import streamlit as st
from streamlit.errors import StreamlitAuthError

from app import staff
from partnerships import access, settings, signins
from partnerships.escape import markdown_text
from partnerships.i18n import plural, t

REFUSED_KEY = "manage_refused_sign_in"  # the sign-in this session last logged a refusal for
REFUSALS = {
    access.Verdict.NO_LIST: "cannot_edit_no_list",
    access.Verdict.NO_EMAIL: "cannot_edit_no_email",
    access.Verdict.UNVERIFIED: "cannot_edit_unverified",
    access.Verdict.NOT_LISTED: "cannot_edit_not_listed",
}


def unlocked(lang: str) -> bool:
    """True while this session may edit; otherwise draws why not and the way in. With `[auth]`
    the password is not asked, even where one is set."""
    secrets = staff.read_secrets()
    auth = signins.auth_section(secrets)
    if auth is None:
        return staff.unlocked(lang)
    allowed, claims = access.AllowList.from_secrets(secrets), st.user.to_dict()
    if not claims.get("is_logged_in"):
        staff.end_editing("not signed in")
        if not allowed:  # logging in would lead nowhere
            st.warning(t(REFUSALS[access.Verdict.NO_LIST], lang))
            return False
        st.caption(t("log_in_help", lang))
        log_in_buttons(auth, lang)
        return False
    who = access.normalized_email(claims.get("email")) or str(claims.get("email") or claims.get("sub") or "?")
    st.caption(markdown_text(t("signed_in_as", lang, who=who)))
    st.button(t("log_out", lang), key="manage_sign_out", on_click=log_out, args=(claims,))
    verdict = access.may_edit(claims, allowed)
    if verdict is not access.Verdict.EDIT:
        staff.end_editing(f"{who} may not edit ({verdict.value})")
        note_refusal(claims, who, verdict)
        st.warning(t(REFUSALS[verdict], lang, who=markdown_text(who)))
        return False
    idle = settings.edit_idle_minutes()
    standing = signins.SIGN_INS.admit(claims, idle * 60)
    if standing is not signins.Standing.OPEN:
        staff.end_editing(f"the sign-in of {who}: {standing.value}")
        why = plural("locked_idle", idle, lang) if standing is signins.Standing.IDLE else t("logged_out", lang)
        st.info(" ".join((why, t("log_in_again", lang))))
        log_in_buttons(auth, lang)
        return False
    if not st.session_state.get(staff.UNLOCKED_KEY):
        access.log.info("Staff editing unlocked by sign-in: %s", who)
    st.session_state[staff.UNLOCKED_KEY] = True
    st.session_state[staff.SAVED_BY_KEY] = who
    return True


def note_refusal(claims: Mapping[str, object], who: str, verdict: access.Verdict) -> None:
    """Log a sign-in turned away, once per session and sign-in (not on every click)."""
    key = signins.sign_in_key(claims)
    if st.session_state.get(REFUSED_KEY) != key:
        st.session_state[REFUSED_KEY] = key
        access.log.warning("Signed in but may not edit: %s (%s)", who, verdict.value)


def log_in_buttons(auth: Mapping[str, object], lang: str) -> None:
    """'Log in' for the provider of `[auth]` itself, 'Log in with NAME' for each `[auth.NAME]`."""
    names = signins.providers(auth)
    if not names:
        st.error(t("log_in_none", lang))
    for name in names:
        label = t("log_in", lang) if name is None else t("log_in_with", lang, provider=signins.provider_label(name))
        if st.button(label, key=f"manage_log_in_{name or 'default'}", type="primary"):
            try:
                st.login(name)
            except StreamlitAuthError as err:  # settings Streamlit cannot use, or Authlib missing
                st.error(t("log_in_failed", lang, reason=markdown_text(" ".join(str(err).split()))))


def log_out(claims: Mapping[str, object]) -> None:
    """End the sign-in in every tab of this server, drop this session's editing, and let Streamlit
    clear the cookie (and end the provider's session where it offers that)."""
    signins.SIGN_INS.end(claims)
    staff.end_editing("logged out")
    st.logout()
