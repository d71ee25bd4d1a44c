""".streamlit/config.toml as the installed Streamlit reads it: no server detail reaches a visitor."""
from __future__ import annotations

import subprocess
import sys

from partnerships.settings import ROOT


def test_visitors_see_no_exception_details():
    """Streamlit takes the value from our file ("none": no type, message or traceback in the browser)."""
    shown = subprocess.run([sys.executable, "-m", "streamlit", "config", "show"], cwd=ROOT, capture_output=True,
                           text=True, timeout=60).stdout
    setting = shown[shown.index("[client]"):]
    assert f'The value below was set in {ROOT / ".streamlit" / "config.toml"}\nshowErrorDetails = "none"' in setting
