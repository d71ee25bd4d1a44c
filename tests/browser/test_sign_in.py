"""Staff sign in with their own accounts, end to end: Chromium, `streamlit run` and a real OpenID
Connect provider, all on loopback.

The provider is the PyPI package oidc-provider-mock (a Flask app: discovery, authorize with a
form to pick the user, token, userinfo, JWKS, end session), served by werkzeug on a free
127.0.0.1 port in a thread of this process, with two predefined users whose claims it returns.
The app gets a temporary secrets file through Streamlit's `secrets.files` option (the
environment variable STREAMLIT_SECRETS_FILES, which `streamlit run` reads), so nothing is
written into the repository; its `[auth]` names the provider, `redirect_uri` uses Streamlit's
`{port}` placeholder for the port conftest.py picks. The browser clicks the provider's own
form, so the whole code flow runs: st.login → /auth/login → the provider → /oauth2callback →
the identity cookie → st.user. Every request off loopback is aborted (the offline page).
"""
from __future__ import annotations

import re
import secrets
import threading
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from partnerships.stores.files import FileStore
from tests.conftest import GOOD_ROWS, csv_text

pytestmark = pytest.mark.browser

LISTED = "anna@sonderborg.dk"
UNLISTED = "someone@example.com"
STEP_TIMEOUT_MS = 60_000


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    """oidc-provider-mock on a free loopback port; its issuer is the URL it is reached at."""
    from oidc_provider_mock import User, app
    from werkzeug.serving import make_server

    users = [User(sub=email, claims={"email": email, "email_verified": True, "name": email.split("@")[0].title()})
             for email in (LISTED, UNLISTED)]
    server = make_server("127.0.0.1", 0, app(user_claims=users), threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(10)
        server.server_close()


@pytest.fixture
def signed_in_app(provider, start_app, write_csv, monkeypatch, tmp_path):
    """The app on a small partner file, with sign-in through the provider and sonderborg.dk listed."""
    settings = tmp_path / "secrets.toml"
    settings.write_text(f'''staff_domains = ["sonderborg.dk"]

[auth]
redirect_uri = "http://127.0.0.1:{{port}}/oauth2callback"
cookie_secret = "{secrets.token_hex(32)}"
client_id = "partner-map"
client_secret = "any secret will do for the mock"
server_metadata_url = "{provider}/.well-known/openid-configuration"
''', encoding="utf-8")
    monkeypatch.setenv("STREAMLIT_SECRETS_FILES", str(settings))
    return start_app(write_csv(csv_text(*GOOD_ROWS[:2])))


def sign_in(page, app, email: str) -> None:
    """Manage data → Log in → the provider's form → back in the app, signed in → Manage data."""
    page.goto(app.url + "manage")
    page.get_by_role("button", name="Log in", exact=True).click(timeout=STEP_TIMEOUT_MS)
    page.get_by_role("button", name=email).click(timeout=STEP_TIMEOUT_MS)  # the provider's predefined user
    page.wait_for_url(re.compile(re.escape(app.url) + r"(map)?(\?.*)?$"), timeout=STEP_TIMEOUT_MS)
    page.goto(app.url + "manage")
    expect(page.get_by_text(f"Signed in as {email}.")).to_be_visible(timeout=STEP_TIMEOUT_MS)


def test_a_listed_person_signs_in_saves_and_history_names_them(signed_in_app, offline_page, tmp_path):
    page, app = offline_page.page, signed_in_app
    sign_in(page, app, LISTED)
    upload = tmp_path / "new-partners.csv"
    upload.write_text(csv_text(*GOOD_ROWS), encoding="utf-8")
    page.get_by_role("tab", name="Upload").click()
    page.locator("input[type=file]").set_input_files(str(upload))
    page.get_by_role("button", name="Save", exact=True).click(timeout=STEP_TIMEOUT_MS)
    expect(page.get_by_text("Saved. The previous version is kept as")).to_be_visible(timeout=STEP_TIMEOUT_MS)
    assert FileStore(app.csv).current().saved_by == LISTED

    page.get_by_role("tab", name="History").click()
    page.get_by_role("button", name="Restore this version").click(timeout=STEP_TIMEOUT_MS)
    expect(page.get_by_text("Restored.")).to_be_visible(timeout=STEP_TIMEOUT_MS)
    page.get_by_role("tab", name="History").click()
    page.get_by_role("combobox", name="Earlier version").click()
    saved_at = r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d"
    by_anna = page.get_by_role("option", name=re.compile(f"^{saved_at} · {re.escape(LISTED)} · "))
    expect(by_anna).to_have_count(1)  # History: the time, then who saved it
    assert [version.saved_by for version in FileStore(app.csv).history()][:1] == [LISTED]
    assert all("picocss" in url for url in offline_page.blocked)  # only the provider's page asked off loopback


def test_an_unlisted_person_signs_in_and_cannot_edit(signed_in_app, offline_page):
    page, app = offline_page.page, signed_in_app
    sign_in(page, app, UNLISTED)
    expect(page.get_by_text(f"{UNLISTED} may not edit the partner list")).to_be_visible()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    expect(page.get_by_role("tab")).to_have_count(0)
    expect(page.locator("input[type=file]")).to_have_count(0)

    page.get_by_role("button", name="Log out").click()
    page.get_by_role("button", name="End session").click(timeout=STEP_TIMEOUT_MS)  # the provider's own page
    page.wait_for_url(re.compile(re.escape(app.url)), timeout=STEP_TIMEOUT_MS)
    page.goto(app.url + "manage")
    expect(page.get_by_role("button", name="Log in", exact=True)).to_be_visible(timeout=STEP_TIMEOUT_MS)
    expect(page.get_by_text("Signed in as")).to_have_count(0)
