#!/usr/bin/env python3
"""A save that lands inside one rerun: does that rerun still show one version of the data?

    python benchmarks/load/mix_race.py [APP_DIR]     # APP_DIR: another checkout; default this one

Deterministic companion to `many_viewers.py`, whose reruns overlap a save only by chance.
With Streamlit's AppTest (no browser, no server) it runs the map page on a copy of `data/`,
then moves the year slider once more and saves the new version of the file (the change of
many_viewers.py: one partnership added, one renamed) exactly when the page filters the
partners: after `dashboard.py` and `views/home.py` have asked for the data and before
`ui.partner_map` asks for it again. The save is made with `partnerships.storage.save`, as the
staff page makes it; only `partnerships.filtering.filter_partners` is wrapped, in this
process, to time it. It prints what that rerun showed (the year slider's lower bound and the
'Partnerships' metric, and which version the map's data file holds) and what the next rerun
showed, and exits 1 when the first mixes two versions or the next one is not the new version.

With the app at commit 280c447, where every call of `ui._loaded()` looked at the file again,
the rerun showed the old slider and counts beside the new map (a mix, exit 1); with `_loaded()`
pinned to one read per run it shows the old version throughout and the next rerun the new one.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from many_viewers import Version, new_version, read_rows  # noqa: E402

# The map's data file in the component's arguments, relative to the app's static/ folder.
DATA_URL = re.compile(r"data/[0-9a-f]{16}/partners\.json")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("app_dir", nargs="?", type=Path, default=HERE.parent.parent,
                    help="the checkout to run (dashboard.py, data/); default this one")
    root = ap.parse_args(argv).app_dir.resolve()
    sys.path.insert(0, str(root))  # the app's own packages, as that checkout has them
    from streamlit.testing.v1 import AppTest

    import partnerships.filtering as filtering
    from partnerships import storage

    with tempfile.TemporaryDirectory(prefix="mix-race-") as folder:
        data = Path(folder)
        for source in (root / "data").iterdir():
            if source.is_file() and not source.name.startswith("."):
                shutil.copy2(source, data / source.name)
        csv_path = data / "partners.csv"
        old_content = csv_path.read_bytes()
        new_content = new_version(old_content)
        old, new = Version("old", tuple(read_rows(old_content)[1])), Version("new", tuple(read_rows(new_content)[1]))
        os.environ["PARTNERS_CSV"] = str(csv_path)

        original = filtering.filter_partners
        armed = {"save": False}

        def filter_then_save(partners, view):
            if armed["save"]:
                armed["save"] = False
                storage.save(csv_path, new_content, storage.snapshot(csv_path).digest)
            return original(partners, view)

        filtering.filter_partners = filter_then_save
        try:
            at = AppTest.from_file(str(root / "dashboard.py"), default_timeout=120).run()
            year = at.slider(key="year").value
            armed["save"] = True
            at.slider(key="year").set_value(year - 1).run()
            shown_min = at.slider(key="year").min
            metric = next(m.value for m in at.metric if m.label == "Partnerships")
            args = at.get("component_instance")[0].proto.json_args
            found = DATA_URL.search(args)
            at.slider(key="year").set_value(year).run()  # the next interaction
            next_min = at.slider(key="year").min
            next_metric = next(m.value for m in at.metric if m.label == "Partnerships")
            next_args = at.get("component_instance")[0].proto.json_args
            next_found = DATA_URL.search(next_args)
        finally:
            filtering.filter_partners = original

    types = list({r["type"] for r in old.rows})

    def holds(match) -> str:
        """Which version a published data file holds (the app publishes into static/data/)."""
        if not match:
            return "none"
        import json

        ids = frozenset(json.loads((root / "static" / match.group(0)).read_bytes())["partners"]["id"])
        return "old" if ids == old.ids else "new" if ids == new.ids else "neither"

    print(f"the rerun the save landed in (year {year - 1}):")
    print(f"  year slider lower bound: {shown_min}  (old {old.min_year}, new {new.min_year})")
    print(f"  'Partnerships' metric:   {metric}  (old {old.counts(types, year - 1)[0]}, "
          f"new {new.counts(types, year - 1)[0]})")
    print(f"  the map's data file:     {found and found.group(0)}  ({holds(found)})")
    print(f"the next rerun (year {year}): lower bound {next_min}, metric {next_metric}, "
          f"data file {next_found and next_found.group(0)}")
    in_save = {"slider": "old" if shown_min == old.min_year else "new" if shown_min == new.min_year else "?",
               "metric": "old" if str(metric) == str(old.counts(types, year - 1)[0]) else "new",
               "map": holds(found)}
    mixed = len(set(in_save.values())) != 1
    stale = not (next_min == new.min_year and holds(next_found) == "new")
    print(f"the rerun the save landed in showed: {in_save}")
    print("MIX: one rerun showed two versions of the file" if mixed else "one version throughout: no mix")
    print("STALE: the next rerun did not show the new version" if stale else "the next rerun showed the new version")
    return 1 if mixed or stale else 0


if __name__ == "__main__":
    sys.exit(main())
