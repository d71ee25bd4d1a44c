"""The file store: the data file, saved as partnerships/storage.py always has, plus who saved.

Saving, conflicts, backups and their retention are storage.py's and backups.py's, unchanged.
What a file cannot hold is who saved each version and why; a small log beside the backups
(`backups/<name>.saves.jsonl`, one JSON line per save, written under the save's lock) keeps
that. A version nobody logged (Excel wrote the file, a backup older than the log) is saved by
"unknown". The log keeps its newest LOG_KEEP lines, more than the retention policy's backups.
"""
from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

from partnerships import backups, storage
from partnerships.atomic import write_atomically
from partnerships.messages import Message, said
from partnerships.stores.base import UNKNOWN, Saved, Version, VersionInfo

LOG_SUFFIX = backups.SAVES_LOG_SUFFIX
LOG_KEEP = 1000


class FileStore:
    """The partner data as one file (PARTNERS_CSV): a version's id is its digest while it is
    the file, and its backup's file name once replaced."""

    keeps_every_version = False  # backups follow a retention policy (backups.py)

    def __init__(self, path: Path) -> None:
        self.path = self.data_path = path
        self.key = str(path)
        self.name = path.stem
        self.log = backups.folder_of(path) / f"{path.name}{LOG_SUFFIX}"

    def describe(self) -> Message:
        return said("data_file", path=self.path.name)

    def version_name(self, version_id: str, current: bool = False, lang: str = "") -> str:
        """The data file's name while current; a backup's file name (its id) once replaced."""
        return self.path.name if current else version_id

    def head(self) -> str:
        """The file's modification time and size: changes with every save, costs one stat."""
        try:
            info = self.path.stat()
        except FileNotFoundError:
            return ""
        return f"{info.st_mtime_ns}-{info.st_size}"

    def current(self) -> Version | None:
        try:
            snapshot = storage.snapshot(self.path)
        except FileNotFoundError:
            return None
        entry = _last_with(self._entries(), snapshot.digest)
        return Version(snapshot.digest, snapshot.content, snapshot.digest, *_origin(entry))

    def read(self, version_id: str) -> Version:
        if not backups.name_pattern(self.path).fullmatch(version_id):
            current = self.current()
            if current is None or version_id != current.id:
                raise KeyError(version_id)
            return current
        try:
            content = self._backup(version_id).read_bytes()
        except FileNotFoundError:
            raise KeyError(version_id) from None
        _, entry = _saved_into(self._entries(), version_id)
        return Version(version_id, content, storage.digest_of(content), *_origin(entry))

    def history(self) -> list[VersionInfo]:
        entries = self._entries()
        found = []
        for backup in backups.versions(self.path):
            digest, entry = _saved_into(entries, backup.path.name)
            found.append(VersionInfo(backup.path.name, digest, backup.size, *_origin(entry)))
        return found

    def save(self, content: bytes, expected: Version | None, saved_by: str, note: str = "") -> Saved:
        result = storage.save(self.path, content, expected.digest if expected else None, self._recorder(saved_by, note))
        return Saved(result.digest, result.backup.name if result.backup else None)

    def restore(self, version_id: str, expected: Version | None, saved_by: str) -> Saved:
        result = storage.restore(self.path, self._backup(version_id), expected.digest if expected else "",
                                 self._recorder(saved_by, f"restored {version_id}"))
        return Saved(result.digest, result.backup.name if result.backup else None)

    def _backup(self, version_id: str) -> Path:
        """Only a name of this file's backups: an id from a form never reaches another file."""
        if not backups.name_pattern(self.path).fullmatch(version_id):
            raise KeyError(version_id)
        return backups.folder_of(self.path) / version_id

    def _recorder(self, saved_by: str, note: str) -> storage.Record:
        def record(result: storage.SaveResult, replaced: str | None) -> None:
            entry = {"at": backups.utc_now().isoformat(), "by": saved_by, "note": note, "digest": result.digest,
                     "replaced": replaced, "backup": result.backup.name if result.backup else None}
            self._append(entry)

        return record

    def _append(self, entry: dict) -> None:
        """One line at the end, synced before the save goes on to put its version in place; past
        LOG_KEEP + 10% the newest LOG_KEEP are rewritten. A log that cannot be written only loses
        a name: the save goes on."""
        try:
            self.log.parent.mkdir(exist_ok=True)
            with self.log.open("a", encoding="utf-8") as handle:
                handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
                handle.flush()
                os.fsync(handle.fileno())
            lines = self.log.read_text(encoding="utf-8").splitlines(keepends=True)
            if len(lines) > LOG_KEEP * 11 // 10:
                write_atomically(self.log, "".join(lines[-LOG_KEEP:]).encode("utf-8"))
        except OSError:
            pass

    def _entries(self) -> list[dict]:
        """The log, oldest first; a line cut off by a crash, or not ours, is skipped."""
        try:
            lines = self.log.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return []
        entries = []
        for line in lines:
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if isinstance(entry, dict):
                entries.append(entry)
        return entries


def _last_with(entries: list[dict], digest: str) -> dict | None:
    """The newest save that wrote exactly these bytes."""
    return next((entry for entry in reversed(entries) if entry.get("digest") == digest), None)


def _saved_into(entries: list[dict], backup_name: str) -> tuple[str, dict | None]:
    """What a backup holds, from the log: the digest of the version the save that made the
    backup replaced, and the save that wrote that version ('' and None where nobody logged)."""
    index = next((i for i in range(len(entries) - 1, -1, -1) if entries[i].get("backup") == backup_name), None)
    digest = str(entries[index].get("replaced") or "") if index is not None else ""
    return digest, _last_with(entries[:index], digest) if digest else None


def _origin(entry: dict | None) -> tuple[datetime | None, str, str]:
    """(saved_at, saved_by, note) from a log entry; unknown without one."""
    if entry is None:
        return None, UNKNOWN, ""
    try:
        saved_at = datetime.fromisoformat(str(entry.get("at")))
    except ValueError:
        saved_at = None
    return saved_at, str(entry.get("by") or UNKNOWN), str(entry.get("note") or "")
