"""Fixtures for the browser tests: system Chromium, the app on loopback, an offline context.

Plain Playwright (sync API); no fixture of the pytest-playwright plugin is used. The names
here (`chromium_browser`, `shipped_app`, `start_app`, `offline_page`) stay clear of the
plugin's `browser`, `context` and `page`, should the plugin be installed.

Without Chromium the tests skip, except under CI (env `CI` set), where they fail: CI must
run them. Every test here is marked `browser` (`python -m pytest -m "not browser"` runs the
rest), and waits for something the page does, never for a span of time.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import SHIPPED_CSV

ROOT = Path(__file__).resolve().parents[2]  # the repo root: the parent of tests/
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
START_TIMEOUT_S = 60.0
READY_LINE = b"You can now view"  # what `streamlit run` prints once it serves
VIEWPORT = {"width": 1600, "height": 1000}
LOOPBACK_HOSTS = {"127.0.0.1", "localhost"}
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


def _missing(reason: str) -> None:
    """Skip on a developer machine; fail under CI, where these tests must run."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so the browser tests must run)", pytrace=False)
    pytest.skip(reason)


def stays_local(url: str) -> bool:
    """True for loopback http(s)/ws and in-page data:/blob: URLs; nothing else may load.

    Stricter than a prefix test: `http://127.0.0.1.example.com/` is not loopback.
    """
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob"):
        return True
    return parts.scheme in ("http", "ws") and parts.hostname in LOOPBACK_HOSTS


# --- Chromium -------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def chromium_browser():
    executable = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
    if not (Path(executable).is_file() and os.access(executable, os.X_OK)):
        _missing(f"Chromium not found at {executable!r}; install it or set CHROMIUM to its path")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - requirements-dev.txt installs it
        _missing("the playwright Python package is not installed")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


# --- The app --------------------------------------------------------------------------------

@dataclass
class RunningApp:
    url: str
    csv: Path
    log: Path
    process: subprocess.Popen

    def log_tail(self, chars: int = 4000) -> str:
        try:
            return self.log.read_text(errors="replace")[-chars:]
        except OSError:
            return ""


@contextmanager
def script_alone(browser, script: Path, title: str):
    """A blank page holding nothing but `script`, which must need no Leaflet; no page error
    may happen while it is used."""
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_content(f"<!doctype html><title>{title}</title>")
    page.add_script_tag(path=str(script))
    assert page.evaluate("() => typeof window.L") == "undefined"
    yield page
    assert errors == []
    page.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _follow(stream, log_path: Path, ready: threading.Event) -> None:
    """Copy the server's output to its log; tell when it says it serves (or when it ends)."""
    with open(log_path, "wb") as log:
        for line in iter(stream.readline, b""):
            log.write(line)
            log.flush()
            if READY_LINE in line:
                ready.set()
    ready.set()  # the output ended: the server stopped


@contextmanager
def running_app(csv: Path, log_dir: Path) -> Iterator[RunningApp]:
    """`streamlit run dashboard.py` on a free loopback port with PARTNERS_CSV=csv, once it
    says it serves."""
    port = _free_port()
    log = log_dir / f"streamlit-{port}.log"
    env = {**os.environ, "PARTNERS_CSV": str(csv)}
    command = [
        sys.executable, "-m", "streamlit", "run", "dashboard.py",
        "--server.port", str(port), "--server.headless", "true", "--server.address", "127.0.0.1",
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    ready = threading.Event()
    follower = threading.Thread(target=_follow, args=(process.stdout, log, ready), daemon=True)
    follower.start()
    app = RunningApp(f"http://127.0.0.1:{port}/", csv, log, process)
    try:
        if not ready.wait(START_TIMEOUT_S):
            pytest.fail(f"streamlit did not say it serves within {START_TIMEOUT_S:.0f} s:\n{app.log_tail()}")
        if process.poll() is not None:
            pytest.fail(f"streamlit exited with {process.returncode} before it served:\n{app.log_tail()}")
        yield app
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
        follower.join(10)


@pytest.fixture(scope="session")
def shipped_app(tmp_path_factory) -> Iterator[RunningApp]:
    """One server for the shipped data/partners.csv, shared by the tests that read it."""
    with running_app(SHIPPED_CSV, tmp_path_factory.mktemp("shipped-app")) as app:
        yield app


@pytest.fixture
def start_app(tmp_path) -> Iterator[Callable[[Path], RunningApp]]:
    """Factory: start a server on a given CSV; every one started is stopped after the test."""
    with ExitStack() as stack:
        yield lambda csv: stack.enter_context(running_app(csv, tmp_path))


# --- An offline browser page ----------------------------------------------------------------

@dataclass
class OfflinePage:
    """A page in a fresh context where nothing beyond loopback loads, and what it saw."""

    page: object  # playwright.sync_api.Page
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def offline_page(chromium_browser, request, tmp_path) -> Iterator[OfflinePage]:
    context = chromium_browser.new_context(viewport=VIEWPORT, service_workers="block")
    context.set_default_timeout(30_000)
    page = context.new_page()
    seen = OfflinePage(page)

    def route(route) -> None:
        url = route.request.url
        if stays_local(url):
            route.continue_()
        else:
            seen.blocked.append(url)
            route.abort()

    def on_dialog(dialog) -> None:
        seen.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    context.route("**/*", route)
    page.on("console", lambda m: seen.console_errors.append(f"console.error: {m.text} @ {m.location}")
            if m.type == "error" else None)
    page.on("pageerror", lambda e: seen.console_errors.append(f"pageerror: {e}"))
    page.on("dialog", on_dialog)
    try:
        yield seen
        report = getattr(request.node, "report_call", None)
        if report is not None and report.failed:  # keep what the browser showed, for the log
            shot = tmp_path / "failure.png"
            page.screenshot(path=str(shot), full_page=True)
            print(f"screenshot of the failed test: {shot}\nblocked: {seen.blocked}\n"
                  f"console errors: {seen.console_errors}\ndialogs: {seen.dialogs}")
    finally:
        context.close()
