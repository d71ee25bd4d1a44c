"""Who may edit: the allow-list of signed-in staff (one table of cases); the staff password, from
secrets or the environment, compared in constant time, and wrong ones slowed down per browser
session and per process."""
from __future__ import annotations

import logging
import threading
import time

import pytest

from partnerships import settings
from partnerships.access import (
    PASSWORD_ENV, PROCESS_BACKOFF, SESSION_BACKOFF, AllowList, Attempt, Backoff, Throttle, Verdict, configured_password,
    may_edit, normalized_email, password_matches,
)

# --- the allow-list of signed-in staff -----------------------------------------------------------

LISTS = {"staff_emails": ["Anna.Jensen@Sonderborg.dk ", "consultant@example.org"], "staff_domains": ["sonderborg.dk"]}
VERIFIED = {"email_verified": True}


@pytest.mark.parametrize(("claims", "secrets", "verdict"), [
    # listed addresses, in any case and with spaces around
    ({"email": "anna.jensen@sonderborg.dk", **VERIFIED}, LISTS, Verdict.EDIT),
    ({"email": "CONSULTANT@example.org", **VERIFIED}, LISTS, Verdict.EDIT),
    ({"email": " consultant@example.org ", **VERIFIED}, LISTS, Verdict.EDIT),
    # a listed domain: exactly that domain, any case
    ({"email": "bo@sonderborg.dk", **VERIFIED}, LISTS, Verdict.EDIT),
    ({"email": "Bo@SONDERBORG.DK", **VERIFIED}, LISTS, Verdict.EDIT),
    ({"email": "bo@sonderborg.dk", **VERIFIED}, {"staff_domains": ["@sonderborg.dk"]}, Verdict.EDIT),
    ({"email": "bo@sonderborg.dk", **VERIFIED}, {"staff_domains": "sonderborg.dk, aabenraa.dk"}, Verdict.EDIT),
    # no subdomain, look-alike or suffix surprises
    ({"email": "bo@mail.sonderborg.dk", **VERIFIED}, LISTS, Verdict.NOT_LISTED),
    ({"email": "bo@evilsonderborg.dk", **VERIFIED}, LISTS, Verdict.NOT_LISTED),
    ({"email": "bo@sonderborg.dk.evil.com", **VERIFIED}, LISTS, Verdict.NOT_LISTED),
    ({"email": "sonderborg.dk@evil.com", **VERIFIED}, LISTS, Verdict.NOT_LISTED),
    ({"email": "bo@sonderborg.dk@evil.com", **VERIFIED}, LISTS, Verdict.NO_EMAIL),
    ({"email": "anna.jensen@sonderborg.dk.evil.com", **VERIFIED}, {"staff_emails": LISTS["staff_emails"]},
     Verdict.NOT_LISTED),
    ({"email": "other@example.org", **VERIFIED}, LISTS, Verdict.NOT_LISTED),
    ({"email": "anna.jensen@sonderborg.dk", **VERIFIED}, {"staff_emails": ["anna@sonderborg.dk"]}, Verdict.NOT_LISTED),
    # the provider must vouch for the address
    ({"email": "bo@sonderborg.dk"}, LISTS, Verdict.UNVERIFIED),
    ({"email": "bo@sonderborg.dk", "email_verified": False}, LISTS, Verdict.UNVERIFIED),
    ({"email": "bo@sonderborg.dk", "email_verified": "false"}, LISTS, Verdict.UNVERIFIED),
    ({"email": "bo@sonderborg.dk", "email_verified": "true"}, LISTS, Verdict.EDIT),
    ({"email": "bo@sonderborg.dk", "xms_edov": True}, LISTS, Verdict.EDIT),  # Entra ID: the domain's owner verified
    ({"email": "bo@sonderborg.dk", "xms_edov": False}, LISTS, Verdict.UNVERIFIED),
    ({"email": "bo@sonderborg.dk", "email_verified": False, "xms_edov": True}, LISTS, Verdict.UNVERIFIED),
    # no usable address
    ({**VERIFIED}, LISTS, Verdict.NO_EMAIL),
    ({"email": "", **VERIFIED}, LISTS, Verdict.NO_EMAIL),
    ({"email": "bo", **VERIFIED}, LISTS, Verdict.NO_EMAIL),
    ({"email": "@sonderborg.dk", **VERIFIED}, LISTS, Verdict.NO_EMAIL),
    ({"email": "bo @sonderborg.dk", **VERIFIED}, LISTS, Verdict.NO_EMAIL),
    ({"email": ["bo@sonderborg.dk"], **VERIFIED}, LISTS, Verdict.NO_EMAIL),
    # no list at all, or only blanks: nobody
    ({"email": "bo@sonderborg.dk", **VERIFIED}, {}, Verdict.NO_LIST),
    ({"email": "bo@sonderborg.dk", **VERIFIED}, {"staff_emails": [], "staff_domains": [" ", ""]}, Verdict.NO_LIST),
    ({"email": "bo@sonderborg.dk", **VERIFIED}, {"staff_domains": 7}, Verdict.NO_LIST),
])
def test_who_may_edit_when_signed_in(claims, secrets, verdict):
    assert may_edit(claims, AllowList.from_secrets(secrets)) is verdict


def test_the_allow_list_is_read_lowercase_without_blanks():
    allowed = AllowList.from_secrets({"staff_emails": "A@X.dk,  b@y.dk", "staff_domains": ["@Sonderborg.DK.", ""]})
    assert allowed == AllowList(frozenset({"a@x.dk", "b@y.dk"}), frozenset({"sonderborg.dk"}))
    assert not AllowList() and allowed


@pytest.mark.parametrize(("value", "expected"), [
    (" Anna@Sonderborg.DK ", "anna@sonderborg.dk"), ("a@b", "a@b"), ("a@@b", None), ("a\u202e@b.dk", None), (None, None),
])
def test_normalized_email(value, expected):
    assert normalized_email(value) == expected


# --- the shared password -------------------------------------------------------------------------


def test_secret_wins_over_the_environment(monkeypatch):
    monkeypatch.setenv(PASSWORD_ENV, "from-env")
    assert configured_password({"admin_password": "from-secrets"}) == "from-secrets"
    assert configured_password({}) == "from-env"


def test_no_password_means_editing_is_off(monkeypatch):
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    assert configured_password({}) is None
    assert configured_password({"admin_password": ""}) is None


@pytest.mark.parametrize(("given", "ok"), [("kode æøå", True), ("kode aeoa", False), ("", False), ("kode æøå ", False)])
def test_password_matches(given, ok):
    assert password_matches(given, "kode æøå") is ok


# --- the throttle on wrong passwords -------------------------------------------------------------

RIGHT = "kode æøå"


class Clock:
    """A clock the test moves by hand, so no test sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def wrong(throttle: Throttle, session, clock: Clock, times: int = 1) -> Attempt:
    """`times` wrong passwords, each given as soon as the previous wait is over."""
    for _ in range(times):
        clock.advance(throttle.wait(session))
        attempt = throttle.attempt("guess", RIGHT, session)
        assert attempt.checked
    return attempt


@pytest.mark.parametrize(("failures", "wait"), [
    (0, 0), (1, 0), (2, 0), (3, 1), (4, 2), (5, 4), (6, 8), (11, 256), (12, 300), (13, 300), (500, 300),
])
def test_session_waits_grow_after_three_free_tries_and_stop_at_five_minutes(failures, wait):
    clock = Clock()
    throttle = Throttle(process=Backoff(free_tries=10**6, first_wait=1, max_wait=1), clock=clock)
    session = throttle.new_session()
    attempt = wrong(throttle, session, clock, failures) if failures else None
    assert throttle.wait(session) == wait
    assert attempt is None or attempt.wait == wait
    assert SESSION_BACKOFF.wait_after(failures) == wait


@pytest.mark.parametrize(("failures", "wait"), [(9, 0), (10, 1), (11, 2), (15, 32), (16, 60), (100, 60)])
def test_process_waits_start_later_and_stop_sooner(failures, wait):
    assert PROCESS_BACKOFF.wait_after(failures) == wait


def test_a_password_given_while_a_wait_runs_is_not_checked_nor_counted():
    clock = Clock()
    throttle = Throttle(clock=clock)
    session = throttle.new_session()
    assert wrong(throttle, session, clock, 4).wait == 2
    clock.advance(1.5)
    assert throttle.attempt(RIGHT, RIGHT, session) == Attempt(ok=False, checked=False, wait=0.5)
    clock.advance(0.5)
    assert throttle.wait(session) == 0  # the refused try did not make the wait longer
    assert throttle.attempt(RIGHT, RIGHT, session).ok


def test_the_right_password_resets_the_session_count():
    clock = Clock()
    throttle = Throttle(clock=clock)
    session = throttle.new_session()
    wrong(throttle, session, clock, 5)
    clock.advance(throttle.wait(session))
    assert throttle.attempt(RIGHT, RIGHT, session) == Attempt(ok=True, checked=True)
    assert wrong(throttle, session, clock, 3).wait == 1  # three free tries again


def test_sessions_are_counted_apart_but_the_process_counts_them_all():
    clock = Clock()
    throttle = Throttle(clock=clock)
    slow = throttle.new_session()
    wrong(throttle, slow, clock, 3)
    assert throttle.wait(slow) == 1 and throttle.wait(throttle.new_session()) == 0
    for _ in range(7):  # an attacker opening a fresh browser session for every guess
        wrong(throttle, throttle.new_session(), clock)
    fresh = throttle.new_session()
    assert throttle.wait(fresh) == 1
    assert not throttle.attempt(RIGHT, RIGHT, fresh).checked


def test_the_process_count_forgets_failures_after_its_window():
    clock = Clock()
    throttle = Throttle(clock=clock)
    for _ in range(30):
        wrong(throttle, throttle.new_session(), clock)
    assert throttle.wait(throttle.new_session()) == 60
    clock.advance(PROCESS_BACKOFF.window)
    assert throttle.wait(throttle.new_session()) == 0


def test_reset_forgets_the_process_count():
    clock = Clock()
    throttle = Throttle(clock=clock)
    for _ in range(10):
        wrong(throttle, throttle.new_session(), clock)
    throttle.reset()
    assert throttle.wait(throttle.new_session()) == 0


def test_parallel_sessions_cannot_slip_guesses_in_between():
    clock = Clock()  # frozen: no wait ever ends
    throttle = Throttle(clock=clock)
    attempts: list[Attempt] = []

    def guess() -> None:
        attempts.append(throttle.attempt("guess", RIGHT, throttle.new_session()))

    threads = [threading.Thread(target=guess) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(a.checked for a in attempts) == PROCESS_BACKOFF.free_tries


def test_the_clock_is_injectable_and_monotonic_by_default():
    assert Throttle().clock is time.monotonic
    clock = Clock()
    throttle = Throttle(clock=clock)
    session = throttle.new_session()
    wrong(throttle, session, clock, 6)
    clock.advance(3)
    assert throttle.wait(session) == 5


def test_attempts_are_logged_without_the_password(caplog):
    caplog.set_level(logging.INFO, logger="partnerships.access")
    clock = Clock()
    throttle = Throttle(clock=clock)
    session = throttle.new_session()
    wrong(throttle, session, clock, 3)
    throttle.attempt("secret-guess", RIGHT, session)
    clock.advance(1)
    throttle.attempt(RIGHT, RIGHT, session)
    records = [(r.name, r.levelno, r.getMessage()) for r in caplog.records]
    assert [level for _, level, _ in records] == [logging.WARNING] * 4 + [logging.INFO]
    assert {name for name, _, _ in records} == {"partnerships.access"}
    assert "refused unchecked" in records[3][2] and "accepted" in records[4][2]
    assert not any(secret in message for _, _, message in records for secret in ("guess", RIGHT))


def test_passwords_refused_during_a_wait_are_logged_once_with_a_count(caplog):
    """A script hammering the form during a wait makes two lines, not one per try."""
    caplog.set_level(logging.INFO, logger="partnerships.access")
    clock = Clock()
    throttle = Throttle(clock=clock)
    session = throttle.new_session()
    wrong(throttle, session, clock, 6)  # the next check waits 8 s
    caplog.clear()
    for _ in range(500):
        assert not throttle.attempt("guess", RIGHT, session).checked
        clock.advance(0.01)
    clock.advance(throttle.wait(session))
    assert throttle.attempt(RIGHT, RIGHT, session).ok
    assert [r.getMessage() for r in caplog.records] == [
        "Staff password refused unchecked: 8 s of waiting left; more during this wait are counted",
        "Staff passwords refused unchecked during the last wait: 500",
        "Staff password accepted: editing unlocked",
    ]


@pytest.mark.parametrize(("value", "minutes"), [
    (None, 30), ("45", 45), (" 5 ", 5), ("0", 30), ("-5", 30), ("half an hour", 30), ("1.5", 30), ("", 30),
])
def test_the_idle_time_comes_from_the_environment_with_a_safe_default(monkeypatch, value, minutes):
    if value is None:
        monkeypatch.delenv(settings.EDIT_IDLE_ENV, raising=False)
    else:
        monkeypatch.setenv(settings.EDIT_IDLE_ENV, value)
    assert settings.edit_idle_minutes() == minutes
