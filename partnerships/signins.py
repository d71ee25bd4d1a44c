"""Staff sign-in with the organisation's accounts (Streamlit's `st.login`, OpenID Connect): which
providers the `[auth]` section of the secrets names, and how long one sign-in may edit.

Streamlit keeps a sign-in in a cookie for 30 days and starts every new browser session signed in,
so the idle lock cannot live in a session alone (a reload would open a fresh one). It follows the
sign-in instead, named by its ID token (provider, issuer, subject, issued at): the process notes
each sign-in's last activity on Manage data; one idle past the limit, or logged out, edits no more
in any tab, and one first seen here longer ago than the limit after it was issued counts as idle
too (a cookie from last week, or a restart). A fresh `st.login` is a new sign-in.
"""
from __future__ import annotations

import json
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from enum import Enum

AUTH_SECTION = "auth"
# What makes a section of [auth] a provider (Streamlit needs all three; one is enough to mean it).
PROVIDER_KEYS = frozenset({"client_id", "client_secret", "server_metadata_url"})
KEEP_SIGN_INS = 10_000


def auth_section(secrets: Mapping[str, object]) -> Mapping[str, object] | None:
    """The `[auth]` section when there is one: then staff sign in, and the password is not asked."""
    section = secrets.get(AUTH_SECTION)
    return section if isinstance(section, Mapping) and section else None


def providers(auth: Mapping[str, object]) -> list[str | None]:
    """The providers to offer, in the order of the secrets: None for the one set up in `[auth]`
    itself (`st.login()`), then the name of each `[auth.NAME]` (`st.login("NAME")`)."""
    found: list[str | None] = [None] if PROVIDER_KEYS & set(auth) else []
    return found + [name for name, value in auth.items() if isinstance(value, Mapping) and PROVIDER_KEYS & set(value)]


def provider_label(name: str) -> str:
    """A provider's name for its button: `microsoft` as Microsoft; `MitID` as written."""
    return name[:1].upper() + name[1:] if name.islower() else name


def sign_in_key(claims: Mapping[str, object]) -> str:
    """One sign-in: the same in every tab that carries its cookie, new with every `st.login`."""
    return json.dumps([str(claims.get(name, "")) for name in ("provider", "iss", "sub", "iat")])


def issued_at(claims: Mapping[str, object]) -> float:
    """When the provider issued the ID token (`iat`, required by OpenID Connect); 0 when unreadable,
    which makes the sign-in idle at once rather than open for ever."""
    try:
        return float(claims.get("iat"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0


class Standing(Enum):
    """Where one sign-in stands on this server."""

    OPEN = "open"
    IDLE = "idle"
    LOGGED_OUT = "logged out"


class SignIns:
    """The last activity of each sign-in seen on Manage data, for the whole process. Streamlit runs
    every session in its own thread, so one lock guards the table; it keeps the newest
    `keep` sign-ins (one forgotten is judged again by when it was issued). The clock is wall time,
    comparable with `iat`, and injectable, so tests need no sleeping."""

    def __init__(self, clock: Callable[[], float] = time.time, keep: int = KEEP_SIGN_INS) -> None:
        self.clock = clock
        self._keep = keep
        self._last: OrderedDict[str, float | Standing] = OrderedDict()  # the last activity, or why it ended
        self._lock = threading.Lock()

    def admit(self, claims: Mapping[str, object], idle_seconds: float) -> Standing:
        """OPEN, and the activity noted, while this sign-in may edit: not logged out, and active
        within `idle_seconds` (since it was issued, the first time it is seen). From the first
        time it is found idle it stays IDLE; only a new sign-in edits again."""
        key, now = sign_in_key(claims), self.clock()
        with self._lock:
            last = self._last[key] if key in self._last else issued_at(claims)
            if isinstance(last, Standing):
                standing = last
            else:
                standing = Standing.OPEN if now - last < idle_seconds else Standing.IDLE
            self._remember(key, now if standing is Standing.OPEN else standing)
            return standing

    def end(self, claims: Mapping[str, object]) -> None:
        """Log out: this sign-in edits no more, in any tab."""
        with self._lock:
            self._remember(sign_in_key(claims), Standing.LOGGED_OUT)

    def _remember(self, key: str, value: float | Standing) -> None:
        self._last[key] = value
        self._last.move_to_end(key)
        while len(self._last) > self._keep:
            self._last.popitem(last=False)

    def reset(self) -> None:
        """Forget every sign-in, as a restart does (tests start from here)."""
        with self._lock:
            self._last.clear()


# The server's one table of sign-ins: module state, shared by every session of this process.
SIGN_INS = SignIns()
