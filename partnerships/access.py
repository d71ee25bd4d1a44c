"""Who may edit: one shared staff password, from Streamlit's secrets or the environment."""
from __future__ import annotations

import hmac
import os
from collections.abc import Mapping

SECRET_NAME = "admin_password"
PASSWORD_ENV = "PARTNERS_ADMIN_PASSWORD"


def configured_password(secrets: Mapping[str, object]) -> str | None:
    """`admin_password` in the secrets, else PARTNERS_ADMIN_PASSWORD; None means editing is off."""
    value = secrets.get(SECRET_NAME) or os.environ.get(PASSWORD_ENV)
    return str(value) if value else None


def password_matches(given: str, expected: str) -> bool:
    """Constant-time comparison, so the answer's timing gives nothing away."""
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))
