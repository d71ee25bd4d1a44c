"""Save the partner file so that nothing is ever lost, however many people edit it at once.

Staff edit `partners.csv` in the app, sometimes two in the same week, sometimes in Excel at
the same time. So a save is a compare-and-swap: the editor remembers the digest of what it
loaded (`snapshot`), and `save` writes only if the file still has that digest, else raises
`ConflictError` and writes nothing. Saves of one file are serialised across threads (two
browser sessions) and processes (two servers, the command line) by an exclusive `flock` on
a lock file beside it. The version a save replaces is first kept in `backups/` beside the
file, and the new bytes go to a temporary file that is synced and then renamed over the old
one, so a crash or a full disk leaves either the old file or the new one, never half of each.
Excel does not take our lock; the digest check is what catches its saves.

Backups do not pile up: after each save, `kept_backups` decides which survive (the newest 20,
the newest of each of the last 90 days, and always the newest; `PARTNERS_BACKUPS_KEEP` and
`PARTNERS_BACKUPS_DAYS` change the numbers) and only this file's other backups are deleted.
A save killed outright (SIGKILL, a power cut) can leave its temporary file behind; the next
save, and `tidy` at start, remove those of this file that are more than a minute old.
"""
from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from partnerships import settings

BACKUPS_FOLDER = "backups"
FILE_MODE = 0o644
_STAMP_FORMAT = "%Y%m%d-%H%M%S-%f"
_STAMP = r"[0-9]{8}-[0-9]{6}-[0-9]{6}"  # ASCII digits only: a name in backups/ is not trusted
# Filesystems that cannot sync a directory say so with these; anything else is a real failure.
_NO_DIRECTORY_SYNC = {errno.EINVAL, errno.ENOTSUP, errno.EBADF}
# A temporary file younger than this may belong to a save still running in another process.
ORPHAN_AGE_SECONDS = 60
# What tempfile.mkstemp puts between our prefix and suffix (see `_write_atomically`).
_TEMPORARY_RANDOM = r"[a-z0-9_]{8}"


@dataclass(frozen=True)
class Snapshot:
    """The bytes an editor loaded; `digest` later tells whether the file changed since."""

    path: Path
    content: bytes
    digest: str


@dataclass(frozen=True)
class SaveResult:
    """The digest of what is now on disk (the editor's next expected digest), and where the
    replaced version was kept (None when nothing was replaced)."""

    digest: str
    backup: Path | None


@dataclass(frozen=True)
class Backup:
    """A replaced version; `saved_at` is when it was replaced (UTC), read from its name."""

    path: Path
    saved_at: datetime
    size: int


class ConflictError(Exception):
    """The file on disk is not the version the editor loaded: writing would overwrite
    someone else's work, so nothing was written."""

    def __init__(self, path: Path, expected_digest: str | None, current_digest: str | None) -> None:
        self.path = path
        self.expected_digest = expected_digest
        self.current_digest = current_digest
        if current_digest is None:
            detail = f"{path.name} has been deleted or moved"
        elif expected_digest is None:
            detail = f"{path.name} was created after you started"
        else:
            detail = f"{path.name} is no longer the version you started from: another save, or Excel"
        super().__init__(
            f"The data file was changed by someone else since you loaded it ({detail}). "
            "Nothing was saved. Download your version if you want to keep it, then reload to see theirs "
            "and make your changes again on top of it."
        )


def digest_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def snapshot(path: Path) -> Snapshot:
    """Read the file once; the digest is of exactly these bytes. Raises FileNotFoundError."""
    content = path.read_bytes()
    return Snapshot(path, content, digest_of(content))


def backups_folder(path: Path) -> Path:
    return path.parent / BACKUPS_FOLDER


def save(path: Path, content: bytes, expected_digest: str | None) -> SaveResult:
    """Replace the file with `content` if it still has `expected_digest` (None: it must not
    exist yet), keeping the replaced version in backups/. Raises ConflictError otherwise."""
    with _locked(path):
        _remove(_orphans(path))
        current = _read_if_exists(path)
        current_digest = None if current is None else digest_of(current)
        if current_digest != expected_digest:
            raise ConflictError(path, expected_digest, current_digest)
        new_digest = digest_of(content)
        if new_digest == current_digest:
            return SaveResult(new_digest, None)
        if current is None:
            _write_atomically(path, content)
            return SaveResult(new_digest, None)
        backup = _new_backup_path(path)
        try:
            _write_atomically(backup, current)
            _write_atomically(path, content)
        except BaseException:
            _drop_if_redundant(backup, path, current)
            raise
        _prune(path)
        return SaveResult(new_digest, backup)


def backups(path: Path) -> list[Backup]:
    """The kept versions of this file, newest first; other files in backups/ are ignored."""
    folder = backups_folder(path)
    if not folder.is_dir():
        return []
    pattern = _backup_pattern(path)
    found: list[tuple[datetime, int, Backup]] = []
    for entry in folder.iterdir():
        match = pattern.fullmatch(entry.name)
        if not match:
            continue
        try:
            size = entry.stat().st_size
        except FileNotFoundError:
            continue
        saved_at = datetime.strptime(match["stamp"], _STAMP_FORMAT).replace(tzinfo=UTC)
        found.append((saved_at, int(match["counter"] or 0), Backup(entry, saved_at, size)))
    found.sort(key=lambda item: item[:2], reverse=True)
    return [backup for _, _, backup in found]


def restore(path: Path, backup: Path, expected_digest: str) -> SaveResult:
    """Put a kept version back. It is an ordinary save, so the version it replaces is kept
    too and a restore can itself be undone. Refuses anything that is not one of this file's
    backups (ValueError), so a path from a form cannot read other files into the data."""
    folder = backups_folder(path).resolve()
    if backup.resolve().parent != folder or not _backup_pattern(path).fullmatch(backup.name):
        raise ValueError(f"{backup} is not a backup of {path.name}: backups live in {folder}.")
    return save(path, backup.read_bytes(), expected_digest)


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


def tidy(path: Path) -> list[Path]:
    """Remove the temporary files that saves of this file killed a minute or more ago left
    beside it and in backups/; call once at start. Never raises: a folder we cannot read or
    write keeps its leftovers. Skipped while a save holds the lock, as that save tidies too."""
    if not _orphans(path):
        return []  # the usual case, and it creates no lock file in a folder never saved to
    try:
        with _locked(path, wait=False):
            return _remove(_orphans(path))
    except OSError:
        return []


@contextmanager
def _locked(path: Path, wait: bool = True) -> Iterator[None]:
    """Hold an exclusive flock on `.<name>.lock` beside the file. flock belongs to the open
    file, so each call's own `open` excludes other threads as well as other processes. The
    lock file is never deleted: a waiter would then lock a file nobody else uses. Without
    `wait`, a held lock raises BlockingIOError at once."""
    descriptor = os.open(path.with_name(f".{path.name}.lock"), os.O_RDWR | os.O_CREAT, FILE_MODE)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        yield
    finally:
        os.close(descriptor)


def _read_if_exists(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _backup_pattern(path: Path) -> re.Pattern[str]:
    return re.compile(rf"{re.escape(path.stem)}-(?P<stamp>{_STAMP})(?:-(?P<counter>[0-9]+))?{re.escape(path.suffix)}")


def _now() -> datetime:
    return datetime.now(UTC)


def _new_backup_path(path: Path) -> Path:
    """`<stem>-YYYYMMDD-HHMMSS-ffffff<suffix>`, with `-1`, `-2`… if the clock repeats itself."""
    folder = backups_folder(path)
    if not folder.is_dir():
        folder.mkdir(exist_ok=True)
        _sync_directory(folder.parent)
    base = f"{path.stem}-{_now().strftime(_STAMP_FORMAT)}"
    candidate = folder / f"{base}{path.suffix}"
    counter = 0
    while candidate.exists():
        counter += 1
        candidate = folder / f"{base}-{counter}{path.suffix}"
    return candidate


def _write_atomically(target: Path, content: bytes) -> None:
    """Write a synced temporary file beside `target`, rename it over `target`, sync the folder.
    Readers see the old bytes or the new, never a mix; a failure leaves no temporary file."""
    descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(content)
            file.flush()
            os.fchmod(file.fileno(), FILE_MODE)
            os.fsync(file.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _sync_directory(target.parent)


def _sync_directory(folder: Path) -> None:
    """Make a rename durable: without this a power cut can undo it after we reported success."""
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(descriptor)
    except OSError as err:
        if err.errno not in _NO_DIRECTORY_SYNC:
            raise
    finally:
        os.close(descriptor)


def _orphans(path: Path) -> list[Path]:
    """This file's temporary files (`_write_atomically`'s names for the file itself and for its
    backups) last written more than ORPHAN_AGE_SECONDS ago; nobody else's, nothing younger."""
    now = time.time()
    places = ((path.parent, re.escape(path.name)), (backups_folder(path), _backup_pattern(path).pattern))
    found = []
    for folder, target in places:
        pattern = re.compile(rf"\.{target}\.{_TEMPORARY_RANDOM}\.tmp")
        try:
            entries = [entry for entry in os.scandir(folder) if pattern.fullmatch(entry.name)]
        except OSError:  # no backups/ yet, or a folder we may not read
            continue
        for entry in entries:
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:  # gone meanwhile
                continue
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime > ORPHAN_AGE_SECONDS:
                found.append(Path(entry.path))
    return found


def _prune(path: Path) -> list[Path]:
    """Delete this file's backups that the retention policy does not keep. The save has
    succeeded by now, so a failure here only leaves a backup too many. A mistyped setting
    deletes nothing (the History tab says what is wrong) rather than guess."""
    try:
        keep, days = settings.backups_keep(), settings.backups_days()
    except settings.SettingError:
        return []
    versions = backups(path)
    survivors = set(kept_backups(versions, _now().astimezone(), keep, days))
    return _remove(backup.path for backup in versions if backup not in survivors)


def _remove(paths: Iterable[Path]) -> list[Path]:
    """Unlink what can be unlinked; the paths actually removed."""
    removed = []
    for path in paths:
        try:
            path.unlink()
        except OSError:
            continue
        removed.append(path)
    return removed


def _drop_if_redundant(backup: Path, path: Path, kept: bytes) -> None:
    """After a failed save, remove its backup only while the data file still holds the very
    same bytes; if the failure came after the rename, the backup is the only copy and stays."""
    try:
        if backup.exists() and path.read_bytes() == kept:
            backup.unlink()
    except OSError:
        pass
