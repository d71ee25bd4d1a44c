"""Saving the partner file: nothing lost to a stale editor, a second session, or a failed write."""
from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from partnerships import storage
from partnerships.storage import ConflictError, SaveResult, backups, restore, save, snapshot

ROOT = Path(__file__).resolve().parent.parent
ORIGINAL = b"id,name\nbaoding,City of Baoding\n"
EDITED = b"id,name\nbaoding,City of Baoding\nhaiyan,Haiyan County\n"

# A second process that saves when told to. fsync is slowed down so that, were saves not
# serialised, both would read the original before either replaced it.
_SAVER = """
import os, sys, time
from pathlib import Path
from partnerships import storage
real_fsync = os.fsync
def slow_fsync(descriptor):
    time.sleep(0.2)
    real_fsync(descriptor)
os.fsync = slow_fsync
path, expected, content = Path(sys.argv[1]), sys.argv[2], sys.argv[3].encode()
print("ready", flush=True)
sys.stdin.readline()
try:
    storage.save(path, content, expected)
except storage.ConflictError:
    print("conflict", flush=True)
else:
    print("saved", flush=True)
"""


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    path = tmp_path / "partners.csv"
    path.write_bytes(ORIGINAL)
    return path


def _sha(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _versions_on_disk(path: Path) -> list[bytes]:
    """Everything a person could get back: the file and every backup."""
    return [path.read_bytes(), *(backup.path.read_bytes() for backup in backups(path))]


def _stray_files(path: Path) -> list[str]:
    """Files that are neither the data file, its lock, nor a listed backup."""
    expected = {path, path.with_name(f".{path.name}.lock"), *(b.path for b in backups(path))}
    return sorted(str(p.relative_to(path.parent)) for p in path.parent.rglob("*") if p.is_file() and p not in expected)


def test_snapshot_is_the_bytes_and_their_sha256(data_file):
    assert snapshot(data_file) == storage.Snapshot(data_file, ORIGINAL, _sha(ORIGINAL))


def test_save_keeps_the_old_bytes_as_a_backup_and_replaces_the_file(data_file):
    result = save(data_file, EDITED, snapshot(data_file).digest)
    assert result.digest == _sha(EDITED)
    assert data_file.read_bytes() == EDITED
    assert result.backup is not None
    assert result.backup.parent == data_file.parent / "backups"
    assert result.backup.read_bytes() == ORIGINAL
    assert [b.path for b in backups(data_file)] == [result.backup]
    assert stat.S_IMODE(data_file.stat().st_mode) == 0o644
    assert stat.S_IMODE(result.backup.stat().st_mode) == 0o644
    assert _stray_files(data_file) == []


def test_the_digest_a_save_returns_is_the_next_expected_digest(data_file):
    first = save(data_file, EDITED, snapshot(data_file).digest)
    second = save(data_file, ORIGINAL, first.digest)
    assert data_file.read_bytes() == ORIGINAL
    assert [b.path.read_bytes() for b in backups(data_file)] == [EDITED, ORIGINAL]
    assert second.digest == snapshot(data_file).digest


def test_a_stale_digest_is_refused_and_nothing_changes(data_file):
    loaded = snapshot(data_file)
    data_file.write_bytes(b"id,name\nsaved,In Excel meanwhile\n")
    with pytest.raises(ConflictError, match="changed by someone else since you loaded it") as caught:
        save(data_file, EDITED, loaded.digest)
    assert "reload" in str(caught.value) and "Download your version" in str(caught.value)
    assert data_file.read_bytes() == b"id,name\nsaved,In Excel meanwhile\n"
    assert backups(data_file) == []
    assert _stray_files(data_file) == []


def test_a_new_file_is_created_but_never_clobbers_one_that_appeared(tmp_path):
    path = tmp_path / "partners.csv"
    assert save(path, ORIGINAL, None) == SaveResult(_sha(ORIGINAL), None)
    assert path.read_bytes() == ORIGINAL
    with pytest.raises(ConflictError, match="created after you started"):
        save(path, EDITED, None)
    assert path.read_bytes() == ORIGINAL
    assert backups(path) == []


def test_a_file_deleted_since_loading_is_a_conflict(data_file):
    loaded = snapshot(data_file)
    data_file.unlink()
    with pytest.raises(ConflictError, match="deleted or moved"):
        save(data_file, EDITED, loaded.digest)
    assert not data_file.exists()


def test_saving_identical_content_writes_nothing(data_file):
    before = data_file.stat()
    assert save(data_file, ORIGINAL, _sha(ORIGINAL)) == SaveResult(_sha(ORIGINAL), None)
    after = data_file.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert backups(data_file) == []


def test_two_sessions_saving_at_once_one_wins_nothing_lost(data_file, monkeypatch):
    real_fsync = os.fsync

    def slow_fsync(descriptor: int) -> None:
        time.sleep(0.05)
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", slow_fsync)
    loaded = snapshot(data_file)
    start = threading.Barrier(2)
    outcomes: dict[bytes, str] = {}

    def session(content: bytes) -> None:
        start.wait()
        try:
            save(data_file, content, loaded.digest)
            outcomes[content] = "saved"
        except ConflictError:
            outcomes[content] = "conflict"

    mine, theirs = EDITED, b"id,name\nbaoding,Baoding (renamed)\n"
    threads = [threading.Thread(target=session, args=(content,)) for content in (mine, theirs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes.values()) == ["conflict", "saved"]
    winner = next(content for content, outcome in outcomes.items() if outcome == "saved")
    assert sorted(_versions_on_disk(data_file)) == sorted([winner, ORIGINAL])
    assert data_file.read_bytes() == winner


def test_two_processes_saving_at_once_one_wins_nothing_lost(data_file):
    loaded = snapshot(data_file)
    contents = ["id,name\nbaoding,Saved by A\n", "id,name\nbaoding,Saved by B\n"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    savers = [
        subprocess.Popen(
            [sys.executable, "-c", _SAVER, str(data_file), loaded.digest, content],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=env,
        )
        for content in contents
    ]
    for saver in savers:
        assert saver.stdout is not None
        assert saver.stdout.readline().strip() == "ready"
    for saver in savers:
        assert saver.stdin is not None
        saver.stdin.write("go\n")
        saver.stdin.flush()
    outcomes = [saver.communicate(timeout=60)[0].strip() for saver in savers]
    assert sorted(outcomes) == ["conflict", "saved"]
    winner = contents[outcomes.index("saved")].encode()
    assert data_file.read_bytes() == winner
    assert sorted(_versions_on_disk(data_file)) == sorted([winner, ORIGINAL])


def _fail_on_call(number: int, real):
    calls = {"count": 0}

    def failing(*args, **kwargs):
        calls["count"] += 1
        if calls["count"] == number:
            raise OSError(28, "No space left on device")
        return real(*args, **kwargs)

    return failing


def _fail_replacing(data_file: Path, real):
    def failing(source, target, *args, **kwargs):
        if Path(target) == data_file:
            raise OSError(5, "Input/output error")
        return real(source, target, *args, **kwargs)

    return failing


@pytest.mark.parametrize(
    ("function", "make_failing"),
    [
        pytest.param("fsync", lambda path: _fail_on_call(1, os.fsync), id="syncing-the-backup"),
        pytest.param("fsync", lambda path: _fail_on_call(2, os.fsync), id="syncing-the-backups-folder"),
        pytest.param("fsync", lambda path: _fail_on_call(3, os.fsync), id="syncing-the-new-content"),
        pytest.param("replace", lambda path: _fail_on_call(1, os.replace), id="renaming-the-backup"),
        pytest.param("replace", lambda path: _fail_replacing(path, os.replace), id="renaming-over-the-data-file"),
        pytest.param("fchmod", lambda path: _fail_on_call(2, os.fchmod), id="writing-the-new-content"),
    ],
)
def test_a_failure_in_the_middle_of_a_write_leaves_the_old_file_and_no_debris(
    data_file, monkeypatch, function, make_failing
):
    (data_file.parent / "backups").mkdir()  # so the calls counted are those of the save itself
    monkeypatch.setattr(os, function, make_failing(data_file))
    with pytest.raises(OSError, match="No space left|Input/output error"):
        save(data_file, EDITED, _sha(ORIGINAL))
    assert data_file.read_bytes() == ORIGINAL
    assert backups(data_file) == []
    assert _stray_files(data_file) == []


def test_a_failure_after_the_rename_keeps_the_backup(data_file, monkeypatch):
    (data_file.parent / "backups").mkdir()
    monkeypatch.setattr(os, "fsync", _fail_on_call(4, os.fsync))
    with pytest.raises(OSError, match="No space left"):
        save(data_file, EDITED, _sha(ORIGINAL))
    assert sorted(_versions_on_disk(data_file)) == sorted([EDITED, ORIGINAL])
    assert _stray_files(data_file) == []


def test_restore_brings_back_the_old_bytes_and_keeps_what_it_replaced(data_file):
    first = save(data_file, EDITED, _sha(ORIGINAL))
    assert first.backup is not None
    restored = restore(data_file, first.backup, first.digest)
    assert data_file.read_bytes() == ORIGINAL
    assert restored.digest == _sha(ORIGINAL)
    assert restored.backup is not None
    assert restored.backup.read_bytes() == EDITED
    assert first.backup.read_bytes() == ORIGINAL


def test_restore_with_a_stale_digest_is_refused(data_file):
    first = save(data_file, EDITED, _sha(ORIGINAL))
    assert first.backup is not None
    with pytest.raises(ConflictError):
        restore(data_file, first.backup, _sha(ORIGINAL))
    assert data_file.read_bytes() == EDITED


@pytest.mark.parametrize(
    "where",
    [
        "partners.csv",
        "secrets.csv",
        "backups/../partners.csv",
        "backups/../secrets.csv",
        "elsewhere/backups/partners-20240101-120000-000000.csv",
        "backups/other-20240101-120000-000000.csv",
        "backups/notes.txt",
    ],
)
def test_restore_refuses_anything_but_this_files_backups(data_file, where):
    candidate = data_file.parent / where
    candidate.parent.mkdir(parents=True, exist_ok=True)
    if not candidate.exists():
        candidate.write_bytes(b"id,name\nnot,A backup\n")
    with pytest.raises(ValueError, match="is not a backup of partners.csv"):
        restore(data_file, candidate, _sha(ORIGINAL))
    assert data_file.read_bytes() == ORIGINAL


def test_restore_refuses_a_link_in_backups_that_points_outside(data_file):
    outside = data_file.parent / "secrets.csv"
    outside.write_bytes(b"secret")
    link = data_file.parent / "backups" / "partners-20240101-120000-000000.csv"
    link.parent.mkdir()
    link.symlink_to(outside)
    with pytest.raises(ValueError, match="is not a backup of partners.csv"):
        restore(data_file, link, _sha(ORIGINAL))
    assert data_file.read_bytes() == ORIGINAL


def test_backups_are_listed_newest_first_and_only_this_files(data_file):
    folder = data_file.parent / "backups"
    folder.mkdir()
    names = [
        "partners-20240101-120000-000000.csv",
        "partners-20250601-080000-000001.csv",
        "partners-20250601-080000-000001-1.csv",
        "partners-20231231-235959-999999.csv",
    ]
    for name in names:
        (folder / name).write_bytes(name.encode())
    unrelated = [
        "partnership_types-20250101-000000-000000.csv",
        "partners-latest.csv",
        ".partners-20250101-000000-000000.csv.x1y2.tmp",
        "partners-20250101-000000-000000.txt",
    ]
    for name in unrelated:
        (folder / name).write_bytes(b"")
    listed = backups(data_file)
    assert [b.path.name for b in listed] == [names[2], names[1], names[0], names[3]]
    assert listed[1].saved_at == datetime(2025, 6, 1, 8, 0, 0, 1, tzinfo=UTC)
    assert listed[1].size == len(names[1])


def test_backups_of_a_file_never_saved_is_empty(tmp_path):
    assert backups(tmp_path / "partners.csv") == []


def test_rapid_saves_never_share_a_backup_name(data_file):
    versions = [ORIGINAL] + [f"id,name\nbaoding,Version {n}\n".encode() for n in range(30)]
    expected = _sha(ORIGINAL)
    for content in versions[1:]:
        expected = save(data_file, content, expected).digest
    assert [b.path.read_bytes() for b in backups(data_file)] == versions[-2::-1]


def test_a_repeated_clock_reading_gets_a_counter_not_an_overwrite(data_file, monkeypatch):
    monkeypatch.setattr(storage, "_now", lambda: datetime(2025, 3, 4, 5, 6, 7, 890123, tzinfo=UTC))
    versions = [ORIGINAL, EDITED, b"id,name\nthird,Third\n", b"id,name\nfourth,Fourth\n"]
    expected = _sha(ORIGINAL)
    for content in versions[1:]:
        expected = save(data_file, content, expected).digest
    listed = backups(data_file)
    assert [b.path.name for b in listed] == [
        "partners-20250304-050607-890123-2.csv",
        "partners-20250304-050607-890123-1.csv",
        "partners-20250304-050607-890123.csv",
    ]
    assert [b.path.read_bytes() for b in listed] == versions[-2::-1]
