"""The staff password: from secrets or the environment, compared in constant time."""
from __future__ import annotations

import pytest

from partnerships.access import PASSWORD_ENV, configured_password, password_matches


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
