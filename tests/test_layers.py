"""The layers, read from the imports: each package imports only the ones below it.

    views/, dashboard.py, partnerships/__main__.py   entry points: run, never imported
    app/          the Streamlit layer
    cli/          the command line (`python -m partnerships`, whose __main__ only hands over)
    partnermap/   the map: folium, the published assets, the standalone file, its JavaScript
    partnerships/ the domain: no Streamlit, no folium
    geo/          geography: nothing of ours

Every import counts, at the top of a module or inside a function.
"""
from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

from partnerships.settings import ROOT

LAYERS = ("geo", "partnerships", "partnermap", "cli", "app")  # from the bottom up
ENTRY_POINTS = ("dashboard.py", "views", "partnerships/__main__.py")
STREAMLIT = {"streamlit", "streamlit_folium"}
FOLIUM = {"folium", "branca", "streamlit_folium"}
MAX_PYTHON_LINES = 300
MAX_SCRIPT_LINES = 400


@cache
def modules() -> dict[Path, set[str]]:
    """Every Python file of the app, with the top-level names of what it imports."""
    files = [ROOT / "dashboard.py", *sorted((ROOT / "views").glob("*.py"))]
    for package in LAYERS:
        files += sorted((ROOT / package).rglob("*.py"))
    return {path.relative_to(ROOT): imports_of(path.read_text(encoding="utf-8")) for path in files}


def imports_of(source: str) -> set[str]:
    """The top-level names a module imports anywhere: at the top, in a function (an import put
    off until it is needed), under `if TYPE_CHECKING:`."""
    imported = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            imported.add(node.module)
    return {name.split(".")[0] for name in imported}


@pytest.mark.parametrize(("source", "names"), [
    ("import streamlit as st", {"streamlit"}),
    ("from partnermap.publish import data_files", {"partnermap"}),
    ("def f():\n    from app import data  # only when asked\n    return data", {"app"}),
    ("class C:\n    def m(self):\n        import folium.plugins\n", {"folium"}),
    ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import pandera.pandas as pa", {"typing", "pandera"}),
    ("try:\n    import orjson as json\nexcept ImportError:\n    import json", {"orjson", "json"}),
])
def test_every_import_is_read_wherever_it_stands(source, names):
    assert imports_of(source) == names


def layer_of(path: Path) -> str | None:
    """The package a file belongs to, or None for an entry point."""
    if any(path == Path(entry) or Path(entry) in path.parents for entry in ENTRY_POINTS):
        return None
    return path.parts[0]


@pytest.mark.parametrize("path", sorted(p for p in modules() if layer_of(p)), ids=str)
def test_a_package_imports_only_the_layers_below_it(path):
    layer = layer_of(path)
    below = set(LAYERS[:LAYERS.index(layer) + 1])
    ours = modules()[path] & (set(LAYERS) | {"views", "dashboard"})
    assert ours <= below, f"{path} imports {sorted(ours - below)}, which are not below {layer}"


@pytest.mark.parametrize("path", sorted(modules()), ids=str)
def test_only_the_streamlit_layer_and_the_pages_import_streamlit(path):
    if layer_of(path) in (None, "app"):
        return
    assert not modules()[path] & STREAMLIT, f"{path} imports Streamlit"


@pytest.mark.parametrize("path", sorted(p for p in modules() if layer_of(p) in ("geo", "partnerships")), ids=str)
def test_the_domain_and_geography_draw_no_maps(path):
    assert not modules()[path] & FOLIUM, f"{path} imports folium"


def test_no_module_imports_an_entry_point():
    for path, imported in modules().items():
        assert not imported & {"views", "dashboard"}, f"{path} imports a page"
    sources = [path.read_text(encoding="utf-8") for path in modules()]
    assert not any("partnerships.__main__" in source for source in sources)


def test_the_command_line_lives_above_the_domain_and_no_module_shadows_a_builtin():
    import builtins

    domain = [path for path in modules() if layer_of(path) == "partnerships"]
    assert not [path for path in domain if "argparse" in modules()[path]], "a command line in the domain"
    assert modules()[Path("partnerships/__main__.py")] == {"cli", "sys"}  # it only hands over
    shadows = [path for path in modules() if path.stem in dir(builtins)]
    assert not shadows, f"modules named like a builtin: {shadows}"


def test_the_store_modules_import_what_they_share_not_each_other():
    """base.py is what every store is; the package chooses a store; the stores import base only."""
    sources = {name: (ROOT / "partnerships/stores" / f"{name}.py").read_text(encoding="utf-8")
               for name in ("base", "files", "database")}
    assert "partnerships.stores" not in sources["base"]
    for name in ("files", "database"):
        imported = set(re.findall(r"from partnerships\.stores(\.\w+)? import", sources[name]))
        assert imported <= {".base", ".config"}, f"stores/{name}.py imports {imported}"


@pytest.mark.parametrize("path", sorted(modules()), ids=str)
def test_no_python_file_of_the_app_is_over_300_lines(path):
    lines = len((ROOT / path).read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_PYTHON_LINES, f"{path} has {lines} lines"


@pytest.mark.parametrize("path", sorted((ROOT / "partnermap" / "assets").glob("*.js")), ids=lambda p: p.name)
def test_no_script_of_ours_is_over_400_lines(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_SCRIPT_LINES, f"{path.name} has {lines} lines"
