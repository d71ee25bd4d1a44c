"""Who may edit: staff signed in with their own accounts and on the allow-list of the secrets, or,
where sign-in is not set up, one shared staff password (from the secrets or the environment),
and how fast wrong passwords may be tried."""
from __future__ import annotations

import hmac
import logging
import math
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import Enum

SECRET_NAME = "admin_password"
PASSWORD_ENV = "PARTNERS_ADMIN_PASSWORD"
# Who saved a version on the password path: everyone shares the password, so nobody in particular.
SAVED_BY_PASSWORD = "staff password"
# The allow-list of the sign-in path, beside [auth] in the secrets.
STAFF_EMAILS = "staff_emails"
STAFF_DOMAINS = "staff_domains"

log = logging.getLogger("partnerships.access")


def configured_password(secrets: Mapping[str, object]) -> str | None:
    """`admin_password` in the secrets, else PARTNERS_ADMIN_PASSWORD; None means editing is off."""
    value = secrets.get(SECRET_NAME) or os.environ.get(PASSWORD_ENV)
    return str(value) if value else None


def password_matches(given: str, expected: str) -> bool:
    """Constant-time comparison, so the answer's timing gives nothing away."""
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


# --- the allow-list of signed-in staff --------------------------------------------------------

class Verdict(Enum):
    """What the allow-list says about one signed-in account."""

    EDIT = "edit"
    NO_LIST = "no_list"  # sign-in is set up but nobody is listed: nobody may edit
    NO_EMAIL = "no_email"  # the provider gave no usable e-mail address
    UNVERIFIED = "unverified"  # the provider does not vouch for the address
    NOT_LISTED = "not_listed"


@dataclass(frozen=True)
class AllowList:
    """Who may edit when staff sign in: whole addresses (`staff_emails`) and domains whose every
    address may (`staff_domains`), both lowercase. A domain covers itself only, not its subdomains."""

    emails: frozenset[str] = frozenset()
    domains: frozenset[str] = frozenset()

    @classmethod
    def from_secrets(cls, secrets: Mapping[str, object]) -> AllowList:
        """`staff_emails` and `staff_domains`: lists of strings (a single string, or one with commas,
        is read as a list too). A domain may be written `@sonderborg.dk`; blanks are ignored."""
        return cls(frozenset(_entries(secrets.get(STAFF_EMAILS))),
                   frozenset(entry.lstrip("@") for entry in _entries(secrets.get(STAFF_DOMAINS))))

    def __bool__(self) -> bool:
        return bool(self.emails or self.domains)


def _entries(value: object) -> list[str]:
    items: Iterable[object] = [value] if isinstance(value, str) else value if isinstance(value, (list, tuple)) else []
    return [part.strip().lower().rstrip(".") for item in items if isinstance(item, str)
            for part in item.replace(",", " ").split() if part.strip()]


def normalized_email(value: object) -> str | None:
    """An address as the allow-list compares it (trimmed, lowercase), or None when it is not one:
    exactly one `@`, something on both sides, no spaces or control characters."""
    if not isinstance(value, str):
        return None
    email = value.strip().lower()
    local, at, domain = email.partition("@")
    if not (at and local and domain) or "@" in domain or any(c.isspace() or not c.isprintable() for c in email):
        return None
    return email


def is_verified(claims: Mapping[str, object]) -> bool:
    """Does the provider vouch for the address? `email_verified` true (Google, most providers; a
    string "true" counts); where a provider sends no `email_verified` at all, Microsoft Entra ID's
    optional claim `xms_edov` (the domain's owner verified it) stands in. False refuses."""
    if "email_verified" in claims:
        return _true(claims["email_verified"])
    return _true(claims.get("xms_edov"))


def _true(value: object) -> bool:
    return value is True or value == 1 or (isinstance(value, str) and value.strip().lower() in ("true", "1"))


def may_edit(claims: Mapping[str, object], allowed: AllowList) -> Verdict:
    """Whether the signed-in account with these claims (`st.user`) may edit: its e-mail address
    verified by the provider, and listed, or of a listed domain exactly (`a@x.sonderborg.dk` is
    not of `sonderborg.dk`), compared without regard to case."""
    if not allowed:
        return Verdict.NO_LIST
    email = normalized_email(claims.get("email"))
    if email is None:
        return Verdict.NO_EMAIL
    if not is_verified(claims):
        return Verdict.UNVERIFIED
    if email in allowed.emails or email.rpartition("@")[2] in allowed.domains:
        return Verdict.EDIT
    return Verdict.NOT_LISTED


# --- slowing down guesses ----------------------------------------------------------------------

@dataclass(frozen=True)
class Backoff:
    """How wrong passwords slow the next try: `free_tries` cost nothing, then the waits double from
    `first_wait` up to `max_wait` seconds. With a `window` (seconds), only failures that recent count,
    so the count decays by itself once the guessing stops."""

    free_tries: int
    first_wait: float
    max_wait: float
    window: float | None = None

    def wait_after(self, failures: int) -> float:
        """Seconds to wait after this many counted failures, before the next password is checked."""
        if failures < self.free_tries:
            return 0.0
        return min(self.max_wait, self.first_wait * 2.0 ** min(failures - self.free_tries, 64))


# One browser session: 3 free tries, then 1 s, 2 s, 4 s … 5 minutes, until the right password.
SESSION_BACKOFF = Backoff(free_tries=3, first_wait=1.0, max_wait=300.0)
# The whole server, so parallel sessions gain nothing: more free tries (several staff may mistype),
# a lower cap and a 15-minute window, so an attacker's guesses delay a real user by a minute at most
# after each one, and once the guessing stops the count fades by itself. A right password does not
# reset it: that would hand an attacker fresh free tries whenever staff log in.
PROCESS_BACKOFF = Backoff(free_tries=10, first_wait=1.0, max_wait=60.0, window=15 * 60.0)


class Failures:
    """The times of one counter's wrong passwords: a browser session's or the whole process's.
    It has no lock of its own; the Throttle guards every counter it is given."""

    def __init__(self, backoff: Backoff) -> None:
        self.backoff = backoff
        self._times: deque[float] = deque()

    def count(self, now: float) -> int:
        """Failures that still count at `now`; older ones, outside the window, are forgotten."""
        if self.backoff.window is not None:
            while self._times and self._times[0] <= now - self.backoff.window:
                self._times.popleft()
        return len(self._times)

    def wait(self, now: float) -> float:
        """Seconds from `now` until the next password may be checked."""
        failures = self.count(now)
        if not failures:
            return 0.0
        return max(0.0, self._times[-1] + self.backoff.wait_after(failures) - now)

    def add(self, now: float) -> None:
        self._times.append(now)

    def clear(self) -> None:
        self._times.clear()


@dataclass(frozen=True)
class Attempt:
    """What became of one submitted password. `checked` is False when a wait was running and the
    password was refused unseen; `wait` is the seconds before the next one will be checked."""

    ok: bool
    checked: bool
    wait: float = 0.0


class Throttle:
    """Wrong staff passwords slow down the next try, counted per browser session and for the whole
    process, so neither quick guesses in one session nor many parallel sessions help an attacker.

    Streamlit runs every session in its own thread: one lock makes "is a wait running? check the
    password, count it" a single step, so parallel sessions cannot slip guesses in between. It never
    sleeps (that would hold a server thread); it refuses and says how long to wait. The clock is
    injectable, so tests need no sleeping; the staff page measures idle time with it too.
    """

    def __init__(self, session: Backoff = SESSION_BACKOFF, process: Backoff = PROCESS_BACKOFF,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.session_backoff = session
        self._process = Failures(process)
        self._lock = threading.Lock()
        self._unchecked = 0  # passwords refused unseen during the current wait, logged once with a count
        self._unchecked_until = 0.0

    def new_session(self) -> Failures:
        """A counter for one browser session, to keep in that session's state."""
        return Failures(self.session_backoff)

    def wait(self, session: Failures) -> float:
        """Seconds before a password from this session will be checked."""
        with self._lock:
            return self._wait(session, self.clock())

    def attempt(self, given: str, expected: str, session: Failures) -> Attempt:
        """Check `given` unless a wait runs; count a wrong one for the session and the process,
        and let a right one reset the session's count. The password given is never logged."""
        with self._lock:
            now = self.clock()
            wait = self._wait(session, now)
            if wait > 0:
                self._refused_unchecked(now, wait)
                return Attempt(ok=False, checked=False, wait=wait)
            self._log_unchecked()
            if password_matches(given, expected):
                session.clear()
                log.info("Staff password accepted: editing unlocked")
                return Attempt(ok=True, checked=True)
            session.add(now)
            self._process.add(now)
            wait = self._wait(session, now)
            log.warning("Wrong staff password: %d in a row in this session, %d on this server in the window; "
                        "next check in %d s", session.count(now), self._process.count(now), whole_seconds(wait))
            return Attempt(ok=False, checked=True, wait=wait)

    def reset(self) -> None:
        """Forget the process's failures, as a restart does (tests start from here)."""
        with self._lock:
            self._process.clear()
            self._unchecked, self._unchecked_until = 0, 0.0

    def _refused_unchecked(self, now: float, wait: float) -> None:
        """The first password refused unseen in a wait is logged; the rest are counted and logged
        as one line when the wait is over, so a script hammering the form cannot flood the log."""
        if now >= self._unchecked_until:
            self._log_unchecked()
        if not self._unchecked:
            log.warning("Staff password refused unchecked: %d s of waiting left; more during this wait are "
                        "counted", whole_seconds(wait))
        self._unchecked += 1
        self._unchecked_until = max(self._unchecked_until, now + wait)

    def _log_unchecked(self) -> None:
        if self._unchecked > 1:
            log.warning("Staff passwords refused unchecked during the last wait: %d", self._unchecked)
        self._unchecked = 0

    def _wait(self, session: Failures, now: float) -> float:
        return max(session.wait(now), self._process.wait(now))


def whole_seconds(wait: float) -> int:
    """A wait as people read it: rounded up, so "try again in 1 second" is never too early."""
    return math.ceil(wait)


# The server's one throttle: module state, shared by every session of this process.
THROTTLE = Throttle()
