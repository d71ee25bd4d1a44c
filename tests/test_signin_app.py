"""AppTest of Manage data with sign-in (`[auth]` in the secrets): signed out, signed in and listed,
signed in and not listed, no allow-list; who saved, in both stores and in History and its CSV;
Log out and the idle lock of a sign-in. AppTest sets `st.user` (`at.user`) and the secrets
(`at.secrets`); `st.login` itself needs a server (tests/browser/test_sign_in.py), so here it is
replaced by a stand-in that records the provider asked for."""
from __future__ import annotations

import re
import time

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from app import staff
from app.history import history_table
from partnerships import signins
from partnerships.access import PASSWORD_ENV
from partnerships.exports import excel_csv
from partnerships.settings import ROOT
from partnerships.stores import DB_URL_ENV, Store
from partnerships.stores.files import FileStore
from tests.conftest import GOOD_ROWS, csv_text
from tests.postgres import store_of_kind

ORIGINAL = csv_text(*GOOD_ROWS[:2]).encode()
ALL_THREE = csv_text(*GOOD_ROWS).encode()
SHARED = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "a long random cookie secret"}
PROVIDER = {"client_id": "partners", "client_secret": "s3cret",
            "server_metadata_url": "https://login.example.org/.well-known/openid-configuration"}
AUTH = {**SHARED, **PROVIDER}
STAFF = {"staff_domains": ["sonderborg.dk"], "staff_emails": ["consultant@example.org"]}


def person(email: str, **claims) -> dict:
    """`st.user` of someone signed in just now, as Streamlit fills it from the ID token."""
    return {"is_logged_in": True, "provider": "default", "iss": "https://login.example.org", "sub": email,
            "iat": int(time.time()), "email": email, "email_verified": True, "name": email.split("@")[0], **claims}


ANNA = person("Anna@Sonderborg.dk")
OUTSIDER = person("someone@example.com")


@pytest.fixture(autouse=True)
def fresh_sign_ins():
    """The process's table of sign-ins is module state: every test starts and ends clean."""
    signins.SIGN_INS.reset()
    yield
    signins.SIGN_INS.reset()


@pytest.fixture
def logins(monkeypatch) -> list:
    """`st.login` replaced: the providers asked for, in order (None for [auth]'s own)."""
    asked: list = []
    monkeypatch.setattr(st, "login", lambda provider=None: asked.append(provider))
    return asked


@pytest.fixture(params=["file", "database"])
def store(request, monkeypatch, write_csv) -> Store:
    """The app's store of each kind, holding ORIGINAL; a password is set too, and not asked."""
    return store_of_kind(request, monkeypatch, write_csv(ORIGINAL), "a password nobody is asked for")


@pytest.fixture
def file_store(monkeypatch, write_csv) -> Store:
    path = write_csv(ORIGINAL)
    monkeypatch.setenv("PARTNERS_CSV", str(path))
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    monkeypatch.delenv(DB_URL_ENV, raising=False)
    return FileStore(path)


def open_manage(user: dict | None, secrets: dict, lang: str = "en") -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.secrets.update(secrets)
    at.user = user if user is not None else {"is_logged_in": False}
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("views/manage.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def upload_and_save(at: AppTest, content: bytes) -> AppTest:
    at.file_uploader(key="manage_upload").set_value(("partners.csv", content, "text/csv")).run()
    at.button(key="upload_save").click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def labels(at: AppTest) -> list[str]:
    return [button.label for button in at.main.button]


# --- signed out ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("auth", "buttons", "asked"), [
    (AUTH, ["Log in"], [None]),
    ({**SHARED, "microsoft": PROVIDER}, ["Log in with Microsoft"], ["microsoft"]),
    ({**SHARED, "microsoft": PROVIDER, "MitID": PROVIDER}, ["Log in with Microsoft", "Log in with MitID"], ["MitID"]),
])
def test_signed_out_the_page_offers_log_in_instead_of_the_password(store, logins, auth, buttons, asked):
    at = open_manage(None, {"auth": auth, **STAFF})
    assert labels(at) == buttons and not at.text_input and not at.tabs
    at.main.button[-1].click().run()
    assert logins == asked


def test_log_in_says_so_in_danish(file_store):
    at = open_manage(None, {"auth": {**SHARED, "google": PROVIDER}, **STAFF}, lang="da")
    assert labels(at) == ["Log ind med Google"]


def test_auth_without_an_allow_list_says_how_to_add_one_before_anyone_logs_in(file_store):
    at = open_manage(None, {"auth": AUTH})
    assert at.warning[0].value.replace("\\", "").startswith(
        'Nobody may edit yet: sign-in is set up, but no staff are listed. Add `staff_emails = ["name@example.org"]`')
    assert labels(at) == [] and not at.text_input and not at.tabs


def test_auth_without_a_provider_says_what_is_missing(file_store):
    at = open_manage(None, {"auth": SHARED, **STAFF})
    assert "needs `client_id`, `client_secret` and `server_metadata_url`" in at.error[0].value
    assert not at.tabs


def test_settings_streamlit_cannot_use_are_a_message_not_a_traceback(file_store):
    at = open_manage(None, {"auth": AUTH, **STAFF})
    at.main.button[0].click().run()  # the real st.login: AppTest has no secrets file, so no [auth] for it
    assert not at.exception
    message = at.error[0].value.replace("\\", "")  # Streamlit's own words, on one line
    assert message.startswith("Log in is not possible: ") and "`.streamlit/secrets.toml`" in message
    assert "  " not in message and "\n" not in message


# --- signed in ----------------------------------------------------------------------------------

def test_a_listed_person_edits_and_every_version_says_who_saved_it(store):
    at = open_manage(ANNA, {"auth": AUTH, **STAFF})
    assert at.caption[0].value.replace("\\", "") == "Signed in as anna@sonderborg.dk."
    assert [tab.label for tab in at.tabs] == ["Check", "Edit", "Upload", "History", "Download"]
    upload_and_save(at, ALL_THREE)
    assert any("Saved." in s.value for s in at.success)
    current = store.current()
    assert (current.saved_by, current.note) == ("anna@sonderborg.dk", "uploaded partners.csv")
    assert "anna@sonderborg.dk" in at.caption[1].value.replace("\\", "")  # "You are editing: … · anna@…"
    at.button(key="manage_restore").click().run()
    assert store.current().content == ORIGINAL and store.current().saved_by == "anna@sonderborg.dk"
    [option, _] = at.selectbox(key="manage_backup").options
    assert " · anna@sonderborg.dk · " in option  # History: the time, then who saved it


def test_the_history_csv_lists_every_version_with_who_saved_it(store):
    store.save(ALL_THREE, store.current(), "anna@sonderborg.dk", "uploaded partners.csv")
    table = history_table(store, store.current(), store.history(), "en")
    assert list(table.columns) == ["version", "current", "saved_at", "saved_by", "note", "bytes"]
    first = "the test's setup" if store.data_path is None else "unknown"
    assert table["saved_by"].tolist() == ["anna@sonderborg.dk", first]
    assert table["current"].tolist() == ["yes", ""] and table["bytes"].tolist()[1] == len(ORIGINAL)
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", table["saved_at"][0])  # as History shows it
    text = excel_csv(table).decode("utf-8-sig")
    assert text.splitlines()[0] == "version;current;saved_at;saved_by;note;bytes"
    assert ";anna@sonderborg.dk;uploaded partners.csv;" in text


def test_history_offers_its_csv(file_store):
    at = open_manage(ANNA, {"auth": AUTH, **STAFF})
    [button] = [b for b in at.tabs[3].get("download_button")]
    assert button.proto.label == "Download the history (CSV)"


@pytest.mark.parametrize(("user", "secrets", "message"), [
    (OUTSIDER, STAFF, "someone@example.com may not edit the partner list: the address is not among the staff"),
    (person("bo@mail.sonderborg.dk"), STAFF, "bo@mail.sonderborg.dk may not edit"),
    (person("bo@sonderborg.dk", email_verified=False), STAFF, "did not say that this e-mail address is verified"),
    ({**person("bo@sonderborg.dk"), "email": None}, STAFF, "the sign-in gave the app no e-mail address"),
    (ANNA, {}, 'Nobody may edit yet: sign-in is set up, but no staff are listed. Add `staff_emails = ['),
])
def test_anyone_else_sees_who_they_are_and_that_they_cannot_edit(file_store, user, secrets, message):
    at = open_manage(user, {"auth": AUTH, **secrets})
    assert not at.tabs and not at.text_input and not at.get("data_editor")
    assert message in at.warning[0].value.replace("\\", "")
    assert labels(at) == ["Log out"]
    assert staff.UNLOCKED_KEY not in at.session_state


def test_sign_ins_are_logged_and_a_refusal_once_per_session(file_store, caplog):
    caplog.set_level("INFO", logger="partnerships.access")
    open_manage(ANNA, {"auth": AUTH, **STAFF})
    at = open_manage(OUTSIDER, {"auth": AUTH, **STAFF})
    at.run()
    messages = [record.getMessage() for record in caplog.records if record.name == "partnerships.access"]
    assert messages == ["Staff editing unlocked by sign-in: anna@sonderborg.dk",
                        "Signed in but may not edit: someone@example.com (not_listed)"]


def test_without_auth_the_password_works_as_before_and_records_staff_password(store):
    at = open_manage(OUTSIDER, STAFF)  # a sign-in cookie means nothing without [auth]
    assert not at.tabs and at.text_input
    at.text_input[0].input("a password nobody is asked for")
    at.main.button[0].click().run()
    upload_and_save(at, ALL_THREE)
    assert store.current().saved_by == "staff password"


# --- Log out, the idle lock -----------------------------------------------------------------------

def test_log_out_ends_the_sign_in_and_the_editing(file_store, logins):
    at = open_manage(ANNA, {"auth": AUTH, **STAFF})
    at.file_uploader(key="manage_upload").set_value(("partners.csv", ALL_THREE, "text/csv")).run()
    at.button(key="manage_sign_out").click().run()
    assert not at.exception
    assert at.user == {"is_logged_in": False}  # st.logout ran
    assert not at.tabs and labels(at) == ["Log in"]
    assert not [key for key in staff.EDITING_KEYS if key in at.session_state]
    assert signins.SIGN_INS.admit(ANNA, 30 * 60) is signins.Standing.LOGGED_OUT  # so are its other tabs
    assert file_store.current().content == ORIGINAL


@pytest.mark.parametrize(("setting", "minutes", "message"), [
    (None, 30, "Locked after 30 minutes without activity. Log in again to go on editing."),
    ("1", 1, "Locked after 1 minute without activity. Log in again to go on editing."),
])
def test_an_idle_sign_in_locks_in_every_tab_until_a_new_log_in(monkeypatch, file_store, logins, setting, minutes,
                                                                message):
    if setting is not None:
        monkeypatch.setenv("PARTNERS_EDIT_IDLE_MINUTES", setting)
    now = [float(ANNA["iat"])]
    monkeypatch.setattr(signins.SIGN_INS, "clock", lambda: now[0])
    at = open_manage(ANNA, {"auth": AUTH, **STAFF})
    for _ in range(3):  # every run of the page counts as activity
        now[0] += minutes * 60 - 1
        at.run()
        assert at.tabs
    now[0] += minutes * 60
    at.run()
    assert not at.tabs and at.info[0].value == message
    assert labels(at) == ["Log out", "Log in"]
    assert not open_manage(ANNA, {"auth": AUTH, **STAFF}).tabs  # a reload: the same cookie, still locked
    at.button(key="manage_log_in_default").click().run()
    assert logins == [None]
    assert open_manage({**ANNA, "iat": now[0]}, {"auth": AUTH, **STAFF}).tabs  # signed in afresh


def test_another_tab_of_a_sign_in_that_logged_out_edits_no_more(file_store, logins):
    tab = open_manage(ANNA, {"auth": AUTH, **STAFF})
    open_manage(ANNA, {"auth": AUTH, **STAFF}).button(key="manage_sign_out").click().run()
    tab.run()  # Streamlit keeps st.user of a running session; the sign-in has ended all the same
    assert not tab.tabs and tab.info[0].value == "Logged out: editing is locked. Log in again to go on editing."
    assert labels(tab) == ["Log out", "Log in"]


def test_a_cookie_from_long_ago_must_log_in_again(file_store):
    at = open_manage({**ANNA, "iat": int(time.time()) - 31 * 60}, {"auth": AUTH, **STAFF})
    assert not at.tabs and at.info[0].value.startswith("Locked after 30 minutes without activity.")
