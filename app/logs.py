"""The app's own log lines (logger `partnerships`: sign-ins, saves, wrong passwords, outages) in
the server's log, at Streamlit's `logger.level` (info unless configured otherwise).

Python shows only warnings by default, so without this a sign-in or a save left no line at all.
The lines still reach the root logger too (a host's own logging, pytest's caplog).
"""
from __future__ import annotations

import logging

from streamlit import config

OURS = "partnerships"


def show_our_logs() -> None:
    """Once per process: our logger writes to standard error at Streamlit's level, in its format."""
    logger = logging.getLogger(OURS)
    if any(getattr(handler, "ours", False) for handler in logger.handlers):
        return
    handler = logging.StreamHandler()
    handler.ours = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter(config.get_option("logger.messageFormat")))
    logger.addHandler(handler)
    logger.setLevel(getattr(logging, str(config.get_option("logger.level")).upper(), logging.INFO))
