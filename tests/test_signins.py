"""Sign-in: which providers `[auth]` names, and how long one sign-in may edit (the idle lock that
follows a sign-in through every tab, and Log out)."""
from __future__ import annotations

import threading
import time

import pytest

from partnerships.signins import SignIns, Standing, auth_section, issued_at, provider_label, providers, sign_in_key

PROVIDER = {"client_id": "id", "client_secret": "secret",
            "server_metadata_url": "https://idp/.well-known/openid-configuration"}
SHARED = {"redirect_uri": "https://partners.example.org/oauth2callback", "cookie_secret": "x" * 32}


@pytest.mark.parametrize(("secrets", "expected"), [
    ({}, None),
    ({"auth": {}}, None),
    ({"auth": "yes"}, None),
    ({"admin_password": "pw"}, None),
    ({"auth": SHARED}, SHARED),
])
def test_sign_in_is_set_up_by_an_auth_section(secrets, expected):
    assert auth_section(secrets) == expected


@pytest.mark.parametrize(("auth", "expected"), [
    ({**SHARED, **PROVIDER}, [None]),
    ({**SHARED, "microsoft": PROVIDER}, ["microsoft"]),
    ({**SHARED, "microsoft": PROVIDER, "google": PROVIDER}, ["microsoft", "google"]),
    ({**SHARED, **PROVIDER, "google": PROVIDER}, [None, "google"]),
    ({**SHARED, **PROVIDER, "client_kwargs": {"prompt": "login"}}, [None]),
    (SHARED, []),
])
def test_the_providers_to_offer(auth, expected):
    assert providers(auth) == expected


@pytest.mark.parametrize(("name", "label"), [("microsoft", "Microsoft"), ("MitID", "MitID"), ("entra-id", "Entra-id")])
def test_provider_labels(name, label):
    assert provider_label(name) == label


T0 = 1_700_000_000  # when Anna's ID token was issued (`iat`, seconds since 1970)
ANNA = {"is_logged_in": True, "provider": "default", "iss": "https://idp", "sub": "anna", "iat": T0,
        "email": "anna@sonderborg.dk"}
IDLE = 30 * 60


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(T0)


OPEN, IDLE_, OUT = Standing.OPEN, Standing.IDLE, Standing.LOGGED_OUT


def test_a_sign_in_edits_while_active_and_is_locked_for_good_once_idle(clock):
    sign_ins = SignIns(clock=clock)
    for _ in range(3):
        clock.now += IDLE - 1
        assert sign_ins.admit(ANNA, IDLE) is OPEN
    clock.now += IDLE
    assert sign_ins.admit(ANNA, IDLE) is IDLE_
    clock.now += 1
    assert sign_ins.admit(ANNA, IDLE) is IDLE_  # activity after the lock does not reopen it


def test_a_sign_in_first_seen_long_after_it_was_issued_is_idle(clock):
    clock.now = T0 + IDLE
    assert SignIns(clock=clock).admit(ANNA, IDLE) is IDLE_  # a cookie from long ago, or a restart
    clock.now = T0 + IDLE - 1
    assert SignIns(clock=clock).admit(ANNA, IDLE) is OPEN


def test_a_new_sign_in_edits_again_and_others_are_not_touched(clock):
    sign_ins = SignIns(clock=clock)
    bo = {**ANNA, "sub": "bo", "email": "bo@sonderborg.dk"}
    assert sign_ins.admit(ANNA, IDLE) is OPEN and sign_ins.admit(bo, IDLE) is OPEN
    sign_ins.end(ANNA)
    assert sign_ins.admit(ANNA, IDLE) is OUT
    assert sign_ins.admit(bo, IDLE) is OPEN
    clock.now += 60
    assert sign_ins.admit({**ANNA, "iat": clock.now}, IDLE) is OPEN  # st.login again: a new ID token


def test_every_tab_of_one_sign_in_shares_its_activity(clock):
    sign_ins = SignIns(clock=clock)
    assert sign_ins.admit(ANNA, IDLE) is OPEN
    clock.now += IDLE
    tab = dict(ANNA, name="the same cookie in another tab")
    assert sign_ins.admit(tab, IDLE) is IDLE_
    assert sign_ins.admit(ANNA, IDLE) is IDLE_


def test_the_table_keeps_the_newest_and_judges_a_forgotten_one_by_its_age(clock):
    sign_ins = SignIns(clock=clock, keep=2)
    a, b, c = ({**ANNA, "sub": name} for name in "abc")
    assert [sign_ins.admit(person, IDLE) for person in (a, b, c)] == [OPEN] * 3  # a is forgotten
    assert sign_ins.admit(a, IDLE) is OPEN  # judged by when it was issued: young enough (b is forgotten now)
    clock.now += IDLE - 1
    assert sign_ins.admit(c, IDLE) is OPEN  # remembered: active a moment ago
    clock.now += 1
    assert sign_ins.admit(b, IDLE) is IDLE_  # forgotten, and issued too long ago


@pytest.mark.parametrize(("claims", "expected"), [({"iat": 1700000000}, 1.7e9), ({"iat": "12"}, 12.0), ({}, 0.0),
                                                  ({"iat": "soon"}, 0.0)])
def test_issued_at(claims, expected):
    assert issued_at(claims) == expected


def test_a_sign_in_without_an_issue_time_is_idle_at_once(clock):
    assert SignIns(clock=clock).admit({key: value for key, value in ANNA.items() if key != "iat"}, IDLE) is IDLE_


def test_sign_ins_differ_by_provider_issuer_subject_and_time():
    keys = {sign_in_key({**ANNA, name: "other"}) for name in ("provider", "iss", "sub", "iat")}
    assert len(keys | {sign_in_key(ANNA)}) == 5
    assert sign_in_key({**ANNA, "name": "Anna"}) == sign_in_key(ANNA)


def test_parallel_sessions_never_reopen_an_idle_sign_in(clock):
    sign_ins = SignIns(clock=clock)
    assert sign_ins.admit(ANNA, IDLE) is OPEN
    clock.now += IDLE
    results: list[Standing] = []
    threads = [threading.Thread(target=lambda: results.append(sign_ins.admit(ANNA, IDLE))) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [IDLE_] * 20


def test_the_clock_is_wall_time_by_default():
    assert SignIns().clock is time.time
