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

Backups do not pile up: after each save the retention policy (partnerships/backups.py) prunes
them. A save killed outright (SIGKILL, a power cut) can leave its temporary file behind; the
next save, and `tidy` at start, remove those of this file that are more than a minute old.
"""
from __future__ import annotations

import fcntl
import hashlib
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from partnerships import backups
from partnerships.atomic import FILE_MODE, sync_directory, write_atomically
from partnerships.conflict import ConflictError

# Filesystems that cannot sync a directory say so with these; anything else is a real failure.


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


# Called with the save's result and the digest of the version it replaced (None: there was none),
# once the replaced version is kept and before the new one takes its place.
Record = Callable[[SaveResult, str | None], None]


def digest_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def snapshot(path: Path) -> Snapshot:
    """Read the file once; the digest is of exactly these bytes. Raises FileNotFoundError."""
    content = path.read_bytes()
    return Snapshot(path, content, digest_of(content))


def save(path: Path, content: bytes, expected_digest: str | None, record: Record | None = None) -> SaveResult:
    """Replace the file with `content` if it still has `expected_digest` (None: it must not
    exist yet), keeping the replaced version in backups/. Raises ConflictError otherwise; the
    same bytes again change nothing and keep no backup. `record(result, replaced_digest)` runs
    under the lock, after the backup and before the rename: what it records (who saved) is on
    disk before the version is, in the order of the saves, and a crash never leaves a version
    nobody recorded."""
    with _locked(path):
        backups.remove(backups.orphans(path))
        current = _read_if_exists(path)
        current_digest = None if current is None else digest_of(current)
        if current_digest != expected_digest:
            raise ConflictError.of_file(path, expected_digest, current_digest)
        new_digest = digest_of(content)
        if new_digest == current_digest:
            return SaveResult(new_digest, None)
        if current is None:
            if record is not None:
                record(SaveResult(new_digest, None), None)
            write_atomically(path, content)
            return SaveResult(new_digest, None)
        backup = _new_backup_path(path)
        result = SaveResult(new_digest, backup)
        try:
            write_atomically(backup, current)
            if record is not None:
                record(result, current_digest)
            write_atomically(path, content)
        except BaseException:
            _drop_if_redundant(backup, path, current)
            raise
        backups.prune(path)
        return result


def restore(path: Path, backup: Path, expected_digest: str, record: Record | None = None) -> SaveResult:
    """Put a kept version back. It is an ordinary save, so the version it replaces is kept
    too and a restore can itself be undone. Refuses anything that is not one of this file's
    backups (ValueError), so a path from a form cannot read other files into the data."""
    folder = backups.folder_of(path).resolve()
    if backup.resolve().parent != folder or not backups.name_pattern(path).fullmatch(backup.name):
        raise ValueError(f"{backup} is not a backup of {path.name}: backups live in {folder}.")
    return save(path, backup.read_bytes(), expected_digest, record)


def tidy(path: Path) -> list[Path]:
    """Remove the temporary files that saves of this file killed a minute or more ago left
    beside it and in backups/; call once at start. Never raises: a folder we cannot read or
    write keeps its leftovers. Skipped while a save holds the lock, as that save tidies too."""
    if not backups.orphans(path):
        return []  # the usual case, and it creates no lock file in a folder never saved to
    try:
        with _locked(path, wait=False):
            return backups.remove(backups.orphans(path))
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


def _new_backup_path(path: Path) -> Path:
    """`<stem>-YYYYMMDD-HHMMSS-ffffff<suffix>`, with `-1`, `-2`… if the clock repeats itself."""
    folder = backups.folder_of(path)
    if not folder.is_dir():
        folder.mkdir(exist_ok=True)
        sync_directory(folder.parent)
    base = f"{path.stem}-{backups.utc_now().strftime(backups.STAMP_FORMAT)}"
    candidate = folder / f"{base}{path.suffix}"
    counter = 0
    while candidate.exists():
        counter += 1
        candidate = folder / f"{base}-{counter}{path.suffix}"
    return candidate


def _drop_if_redundant(backup: Path, path: Path, kept: bytes) -> None:
    """After a failed save, remove its backup only while the data file still holds the very
    same bytes; if the failure came after the rename, the backup is the only copy and stays."""
    try:
        if backup.exists() and path.read_bytes() == kept:
            backup.unlink()
    except OSError:
        pass
