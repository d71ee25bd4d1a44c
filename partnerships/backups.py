"""The versions a save replaces, kept in `backups/` beside the data file, and what is kept.

Each replaced version is `<stem>-YYYYMMDD-HHMMSS-ffffff<suffix>` (UTC). After each save the
retention policy (`kept_backups`) decides which survive: the newest 20, the newest of each of
the last 90 days, and always the newest (`PARTNERS_BACKUPS_KEEP`, `PARTNERS_BACKUPS_DAYS`
change the numbers); only this file's backups are ever deleted. A save killed outright leaves
its temporary file; `orphans` finds this file's that are more than a minute old.
"""
from __future__ import annotations

import os
import re
import stat
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from partnerships import settings

BACKUPS_FOLDER = "backups"
STAMP_FORMAT = "%Y%m%d-%H%M%S-%f"
_STAMP = r"[0-9]{8}-[0-9]{6}-[0-9]{6}"  # ASCII digits only: a name in backups/ is not trusted
# A temporary file younger than this may belong to a save still running in another process.
ORPHAN_AGE_SECONDS = 60
SAVES_LOG_SUFFIX = ".saves.jsonl"  # who saved each version, beside the backups (stores/files.py)
# What tempfile.mkstemp puts between our prefix and suffix (see atomic.py).
_TEMPORARY_RANDOM = r"[a-z0-9_]{8}"


@dataclass(frozen=True)
class Backup:
    """A replaced version; `saved_at` is when it was replaced (UTC), read from its name."""

    path: Path
    saved_at: datetime
    size: int


def folder_of(path: Path) -> Path:
    return path.parent / BACKUPS_FOLDER


def versions(path: Path) -> list[Backup]:
    """The kept versions of this file, newest first; other files in backups/ are ignored."""
    folder = folder_of(path)
    if not folder.is_dir():
        return []
    names = name_pattern(path)
    found: list[tuple[datetime, int, Backup]] = []
    for entry in folder.iterdir():
        match = names.fullmatch(entry.name)
        if not match:
            continue
        try:
            size = entry.stat().st_size
        except FileNotFoundError:
            continue
        saved_at = datetime.strptime(match["stamp"], STAMP_FORMAT).replace(tzinfo=UTC)
        found.append((saved_at, int(match["counter"] or 0), Backup(entry, saved_at, size)))
    found.sort(key=lambda item: item[:2], reverse=True)
    return [backup for _, _, backup in found]


def kept_backups(versions: Iterable[Backup], now: datetime, keep: int, days: int) -> list[Backup]:
    """The backups the retention policy keeps, newest first: the newest `keep`, the newest of
    each of the last `days` calendar days (today included, days as in `now`'s time zone), and
    the newest of all whatever the numbers, so a save can always be undone."""
    ordered = sorted(versions, key=lambda backup: backup.saved_at, reverse=True)  # stable: ties keep their order
    chosen = set(ordered[:max(keep, 1)])
    window_opens = now.date() - timedelta(days=days)
    days_seen: set[date] = set()
    for backup in ordered:
        day = backup.saved_at.astimezone(now.tzinfo).date()
        if day > window_opens and day not in days_seen:
            days_seen.add(day)
            chosen.add(backup)
    return [backup for backup in ordered if backup in chosen]


def name_pattern(path: Path) -> re.Pattern[str]:
    """The names of this file's backups: `<stem>-<UTC stamp>[-<counter>]<suffix>`."""
    return re.compile(rf"{re.escape(path.stem)}-(?P<stamp>{_STAMP})(?:-(?P<counter>[0-9]+))?{re.escape(path.suffix)}")


def utc_now() -> datetime:
    return datetime.now(UTC)


def orphans(path: Path) -> list[Path]:
    """This file's temporary files (atomic.write_atomically's names for the file itself, its backups
    and its log of who saved) last written more than ORPHAN_AGE_SECONDS ago; nobody else's,
    nothing younger."""
    moment = time.time()
    places = ((path.parent, re.escape(path.name)), (folder_of(path), name_pattern(path).pattern),
              (folder_of(path), re.escape(path.name + SAVES_LOG_SUFFIX)))
    found = []
    for place, target in places:
        temporary = re.compile(rf"\.{target}\.{_TEMPORARY_RANDOM}\.tmp")
        try:
            entries = [entry for entry in os.scandir(place) if temporary.fullmatch(entry.name)]
        except OSError:  # no backups/ yet, or a folder we may not read
            continue
        for entry in entries:
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:  # gone meanwhile
                continue
            if stat.S_ISREG(info.st_mode) and moment - info.st_mtime > ORPHAN_AGE_SECONDS:
                found.append(Path(entry.path))
    return found


def prune(path: Path) -> list[Path]:
    """Delete this file's backups that the retention policy does not keep. The save has
    succeeded by now, so a failure here only leaves a backup too many. A mistyped setting
    deletes nothing (the History tab says what is wrong) rather than guess."""
    try:
        keep, days = settings.backups_keep(), settings.backups_days()
    except settings.SettingError:
        return []
    found = versions(path)
    survivors = set(kept_backups(found, utc_now().astimezone(), keep, days))
    return remove(backup.path for backup in found if backup not in survivors)


def remove(paths: Iterable[Path]) -> list[Path]:
    """Unlink what can be unlinked; the paths actually removed."""
    removed = []
    for path in paths:
        try:
            path.unlink()
        except OSError:
            continue
        removed.append(path)
    return removed
