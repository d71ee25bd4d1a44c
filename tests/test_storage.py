"""Saving the partner file: nothing lost to a stale editor, a second session, or a failed write."""
from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from partnerships import backups, settings, storage
from partnerships.backups import Backup, kept_backups
from partnerships.storage import ConflictError, SaveResult, restore, save, snapshot

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


@pytest.fixture(autouse=True)
def default_retention(monkeypatch) -> None:
    """The shipped retention policy, whatever the environment running the tests says."""
    monkeypatch.delenv(settings.BACKUPS_KEEP_ENV, raising=False)
    monkeypatch.delenv(settings.BACKUPS_DAYS_ENV, raising=False)


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    path = tmp_path / "partners.csv"
    path.write_bytes(ORIGINAL)
    return path


def _sha(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _versions_on_disk(path: Path) -> list[bytes]:
    """Everything a person could get back: the file and every backup."""
    return [path.read_bytes(), *(backup.path.read_bytes() for backup in backups.versions(path))]


def _stray_files(path: Path) -> list[str]:
    """Files that are neither the data file, its lock, nor a listed backup."""
    expected = {path, path.with_name(f".{path.name}.lock"), *(b.path for b in backups.versions(path))}
    return sorted(str(p.relative_to(path.parent)) for p in path.parent.rglob("*") if p.is_file() and p not in expected)


def _child_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}


def test_snapshot_is_the_bytes_and_their_sha256(data_file):
    assert snapshot(data_file) == storage.Snapshot(data_file, ORIGINAL, _sha(ORIGINAL))


def test_save_keeps_the_old_bytes_as_a_backup_and_replaces_the_file(data_file):
    result = save(data_file, EDITED, snapshot(data_file).digest)
    assert result.digest == _sha(EDITED)
    assert data_file.read_bytes() == EDITED
    assert result.backup is not None
    assert result.backup.parent == data_file.parent / "backups"
    assert result.backup.read_bytes() == ORIGINAL
    assert [b.path for b in backups.versions(data_file)] == [result.backup]
    assert stat.S_IMODE(data_file.stat().st_mode) == 0o644
    assert stat.S_IMODE(result.backup.stat().st_mode) == 0o644
    assert _stray_files(data_file) == []


def test_the_digest_a_save_returns_is_the_next_expected_digest(data_file):
    first = save(data_file, EDITED, snapshot(data_file).digest)
    second = save(data_file, ORIGINAL, first.digest)
    assert data_file.read_bytes() == ORIGINAL
    assert [b.path.read_bytes() for b in backups.versions(data_file)] == [EDITED, ORIGINAL]
    assert second.digest == snapshot(data_file).digest


def test_a_stale_digest_is_refused_and_nothing_changes(data_file):
    loaded = snapshot(data_file)
    data_file.write_bytes(b"id,name\nsaved,In Excel meanwhile\n")
    with pytest.raises(ConflictError, match="changed by someone else since you loaded it") as caught:
        save(data_file, EDITED, loaded.digest)
    assert "reload" in str(caught.value) and "Download your version" in str(caught.value)
    assert data_file.read_bytes() == b"id,name\nsaved,In Excel meanwhile\n"
    assert backups.versions(data_file) == []
    assert _stray_files(data_file) == []


def test_a_new_file_is_created_but_never_clobbers_one_that_appeared(tmp_path):
    path = tmp_path / "partners.csv"
    assert save(path, ORIGINAL, None) == SaveResult(_sha(ORIGINAL), None)
    assert path.read_bytes() == ORIGINAL
    with pytest.raises(ConflictError, match="created after you started"):
        save(path, EDITED, None)
    assert path.read_bytes() == ORIGINAL
    assert backups.versions(path) == []


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
    assert backups.versions(data_file) == []


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
    env = _child_env()
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
    assert backups.versions(data_file) == []
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
    listed = backups.versions(data_file)
    assert [b.path.name for b in listed] == [names[2], names[1], names[0], names[3]]
    assert listed[1].saved_at == datetime(2025, 6, 1, 8, 0, 0, 1, tzinfo=UTC)
    assert listed[1].size == len(names[1])


def test_backups_of_a_file_never_saved_is_empty(tmp_path):
    assert backups.versions(tmp_path / "partners.csv") == []


def test_rapid_saves_never_share_a_backup_name(data_file, monkeypatch):
    monkeypatch.setenv(settings.BACKUPS_KEEP_ENV, "50")  # more than the default, so that none is pruned
    versions = [ORIGINAL] + [f"id,name\nbaoding,Version {n}\n".encode() for n in range(30)]
    expected = _sha(ORIGINAL)
    for content in versions[1:]:
        expected = save(data_file, content, expected).digest
    assert [b.path.read_bytes() for b in backups.versions(data_file)] == versions[-2::-1]


def test_a_repeated_clock_reading_gets_a_counter_not_an_overwrite(data_file, monkeypatch):
    monkeypatch.setattr(backups, "utc_now", lambda: datetime(2025, 3, 4, 5, 6, 7, 890123, tzinfo=UTC))
    versions = [ORIGINAL, EDITED, b"id,name\nthird,Third\n", b"id,name\nfourth,Fourth\n"]
    expected = _sha(ORIGINAL)
    for content in versions[1:]:
        expected = save(data_file, content, expected).digest
    listed = backups.versions(data_file)
    assert [b.path.name for b in listed] == [
        "partners-20250304-050607-890123-2.csv",
        "partners-20250304-050607-890123-1.csv",
        "partners-20250304-050607-890123.csv",
    ]
    assert [b.path.read_bytes() for b in listed] == versions[-2::-1]


# --- leftovers of a killed save --------------------------------------------------------------

# A save killed while it writes: it stops in fchmod (its bytes written, not yet synced) of the
# given write (1: the backup, 2: the new content), says so, and waits for its SIGKILL.
_KILLED_SAVER = """
import os, sys, threading
from pathlib import Path
from partnerships import storage
real_fchmod, calls = os.fchmod, []
def stop_here(descriptor, mode):
    calls.append(descriptor)
    if len(calls) == int(sys.argv[3]):
        print("writing", flush=True)
        threading.Event().wait()
    real_fchmod(descriptor, mode)
os.fchmod = stop_here
path = Path(sys.argv[1])
storage.save(path, sys.argv[2].encode(), storage.snapshot(path).digest)
"""
OLD, FRESH = 120, 10  # seconds since a temporary file was last written


def _aged(path: Path, seconds: float) -> Path:
    moment = time.time() - seconds
    os.utime(path, (moment, moment))
    return path


@pytest.mark.parametrize(("write", "folder"), [(1, "backups"), (2, ".")],
                         ids=["writing-the-backup", "writing-the-new-content"])
def test_a_save_killed_mid_write_leaves_a_temporary_file_that_the_next_save_removes(data_file, write, folder):
    killed = subprocess.Popen([sys.executable, "-c", _KILLED_SAVER, str(data_file), "id,name\nkilled,Never\n",
                               str(write)], stdout=subprocess.PIPE, text=True, cwd=ROOT, env=_child_env())
    try:
        assert killed.stdout is not None and killed.stdout.readline().strip() == "writing"
    finally:
        killed.kill()  # SIGKILL: no except, no finally, no atexit runs in the child
        killed.communicate(timeout=30)
    assert data_file.read_bytes() == ORIGINAL
    left = _stray_files(data_file)
    assert len(left) == 1 and left[0].endswith(".tmp") and Path(left[0]).parent == Path(folder)
    _aged(data_file.parent / left[0], OLD)
    save(data_file, EDITED, _sha(ORIGINAL))  # the dead saver's lock went with it
    assert _stray_files(data_file) == []
    assert data_file.read_bytes() == EDITED


@pytest.mark.parametrize(("name", "age", "removed"), [
    pytest.param(".partners.csv.k3x_9q2a.tmp", OLD, True, id="ours-beside-the-file"),
    pytest.param("backups/.partners-20250101-120000-000000.csv.ab12cd34.tmp", OLD, True, id="ours-in-backups"),
    pytest.param("backups/.partners-20250101-120000-000000-2.csv.ab12cd34.tmp", OLD, True, id="ours-counted"),
    pytest.param(".partners.csv.k3x_9q2a.tmp", FRESH, False, id="a-save-in-progress"),
    pytest.param("backups/.partners-20250101-120000-000000.csv.ab12cd34.tmp", FRESH, False,
                 id="a-backup-in-progress"),
    pytest.param(".other.csv.k3x_9q2a.tmp", OLD, False, id="another-files"),
    pytest.param("backups/.other-20250101-120000-000000.csv.ab12cd34.tmp", OLD, False, id="another-files-backup"),
    pytest.param("backups/.partners.csv.saves.jsonl.ab12cd34.tmp", OLD, True, id="ours-the-log-of-who-saved"),
    pytest.param("backups/.partners.csv.k3x_9q2a.tmp", OLD, False, id="not-a-backup-name"),
    pytest.param(".partners.csv.tmp", OLD, False, id="no-random-part"),
    pytest.param("partners.csv.k3x_9q2a.tmp", OLD, False, id="not-hidden"),
    pytest.param(".partners.csv.k3x_9q2a.tmp.keep", OLD, False, id="longer-name"),
    pytest.param("notes.tmp", OLD, False, id="someone-elses"),
    pytest.param("elsewhere/.partners.csv.k3x_9q2a.tmp", OLD, False, id="another-folder"),
    pytest.param(".partners.csv.k3x_9q2a.tmp/", OLD, False, id="a-folder"),
])
@pytest.mark.parametrize("when", ["tidy", "save"])
def test_only_our_temporary_files_older_than_a_minute_are_removed(data_file, name, age, removed, when):
    candidate = data_file.parent / name
    candidate.parent.mkdir(parents=True, exist_ok=True)
    if name.endswith("/"):
        candidate.mkdir()
    else:
        candidate.write_bytes(b"id,name\nhalf,")
    _aged(candidate, age)
    if when == "tidy":
        assert storage.tidy(data_file) == ([candidate] if removed else [])
    else:
        save(data_file, EDITED, _sha(ORIGINAL))
        assert data_file.read_bytes() == EDITED
    assert candidate.exists() is not removed


def test_tidy_leaves_temporary_files_alone_while_a_save_holds_the_lock(data_file):
    orphan = data_file.parent / ".partners.csv.k3x_9q2a.tmp"
    orphan.write_bytes(b"id,name\nhalf,")
    _aged(orphan, OLD)
    with storage._locked(data_file):
        assert storage.tidy(data_file) == []
    assert orphan.exists()
    assert storage.tidy(data_file) == [orphan]


@pytest.mark.parametrize("where", ["partners.csv", "missing/partners.csv"])
def test_tidy_with_nothing_to_do_touches_nothing_and_never_raises(tmp_path, where):
    path = tmp_path / where
    assert storage.tidy(path) == []
    assert list(tmp_path.iterdir()) == []  # not even a lock file


# --- which backups are kept ------------------------------------------------------------------

NOW = datetime(2025, 6, 30, 12, 0, tzinfo=UTC)
COPENHAGEN_SUMMER = timezone(timedelta(hours=2))


def _backup(moment: str) -> Backup:
    saved_at = datetime.strptime(moment, "%Y-%m-%d %H:%M").replace(tzinfo=UTC)
    return Backup(Path(f"backups/partners-{saved_at:%Y%m%d-%H%M%S-%f}.csv"), saved_at, 100)


@pytest.mark.parametrize(("saved", "keep", "days", "now", "expected"), [
    pytest.param([], 20, 90, NOW, [], id="none"),
    pytest.param(["2025-06-30 11:00", "2025-06-30 10:00", "2025-01-01 10:00"], 20, 90, NOW,
                 ["2025-06-30 11:00", "2025-06-30 10:00", "2025-01-01 10:00"], id="fewer-than-keep"),
    pytest.param(["2025-06-30 11:00", "2025-06-30 10:00", "2025-06-30 09:00", "2025-06-30 08:00"], 2, 90, NOW,
                 ["2025-06-30 11:00", "2025-06-30 10:00"], id="newest-n-then-one-a-day"),
    pytest.param(["2025-06-30 10:00", "2025-06-30 09:00", "2025-06-29 18:00", "2025-06-29 08:00",
                  "2025-06-28 23:00", "2025-06-27 12:00"], 1, 3, NOW,
                 ["2025-06-30 10:00", "2025-06-29 18:00", "2025-06-28 23:00"], id="newest-of-each-day"),
    pytest.param(["2025-06-30 10:00", "2025-04-02 09:00", "2025-04-02 08:00", "2025-04-01 23:59"], 1, 90, NOW,
                 ["2025-06-30 10:00", "2025-04-02 09:00"], id="ninety-days-include-today"),
    pytest.param(["2025-06-30 10:00", "2025-06-29 10:00", "2024-01-01 10:00"], 0, 90, NOW,
                 ["2025-06-30 10:00", "2025-06-29 10:00"], id="days-only"),
    pytest.param(["2025-06-30 10:00", "2025-06-30 09:00", "2025-06-29 10:00"], 0, 0, NOW,
                 ["2025-06-30 10:00"], id="nothing-kept-but-the-newest"),
    pytest.param(["2023-05-01 10:00", "2023-04-01 10:00"], 0, 90, NOW, ["2023-05-01 10:00"],
                 id="the-newest-even-when-old"),
    pytest.param(["2025-06-28 23:00", "2025-06-30 10:00", "2025-06-29 10:00", "2025-06-29 11:00"], 1, 90, NOW,
                 ["2025-06-30 10:00", "2025-06-29 11:00", "2025-06-28 23:00"], id="any-order-in-newest-first-out"),
    pytest.param(["2025-06-28 22:30", "2025-06-28 21:30"], 0, 90, NOW, ["2025-06-28 22:30"], id="days-in-utc"),
    pytest.param(["2025-06-28 22:30", "2025-06-28 21:30"], 0, 90, NOW.astimezone(COPENHAGEN_SUMMER),
                 ["2025-06-28 22:30", "2025-06-28 21:30"], id="days-in-local-time"),
])
def test_the_retention_policy(saved, keep, days, now, expected):
    assert kept_backups([_backup(moment) for moment in saved], now, keep, days) == [_backup(m) for m in expected]


def _in_backups(path: Path, *names: str) -> list[str]:
    folder = backups.folder_of(path)
    folder.mkdir(exist_ok=True)
    for name in names:
        (folder / name).write_bytes(name.encode())
    return list(names)


def _backup_files(path: Path, *moments: str) -> list[str]:
    return _in_backups(path, *(_backup(moment).path.name for moment in moments))


def test_a_save_prunes_its_backups_by_the_policy_and_nothing_else(data_file, monkeypatch):
    monkeypatch.setenv(settings.BACKUPS_KEEP_ENV, "2")
    monkeypatch.setenv(settings.BACKUPS_DAYS_ENV, "3")
    monkeypatch.setattr(backups, "utc_now", lambda: NOW)
    kept = _backup_files(data_file, "2025-06-30 11:00", "2025-06-29 12:00", "2025-06-28 12:00")
    pruned = _backup_files(data_file, "2025-06-30 10:00", "2025-06-27 12:00", "2024-01-01 12:00")
    others = _in_backups(data_file, "other-20240101-120000-000000.csv", "partners-20240101-120000-000000.txt",
                           "notes.txt", "partners-latest.csv")
    result = save(data_file, EDITED, _sha(ORIGINAL))
    assert result.backup is not None and result.backup.name == "partners-20250630-120000-000000.csv"
    assert [b.path.name for b in backups.versions(data_file)] == [result.backup.name, *kept]
    assert not any((data_file.parent / "backups" / name).exists() for name in pruned)
    assert all((data_file.parent / "backups" / name).exists() for name in others)


def test_the_newest_backup_is_never_pruned(data_file, monkeypatch):
    monkeypatch.setenv(settings.BACKUPS_KEEP_ENV, "0")
    monkeypatch.setenv(settings.BACKUPS_DAYS_ENV, "0")
    first = save(data_file, EDITED, _sha(ORIGINAL))
    second = save(data_file, ORIGINAL, first.digest)
    assert [b.path for b in backups.versions(data_file)] == [second.backup]
    restore(data_file, backups.versions(data_file)[0].path, second.digest)
    assert data_file.read_bytes() == EDITED


def test_a_mistyped_setting_prunes_nothing(data_file, monkeypatch):
    monkeypatch.setenv(settings.BACKUPS_KEEP_ENV, "twenty")
    names = _backup_files(data_file, "2020-01-01 12:00", "2020-01-02 12:00")
    save(data_file, EDITED, _sha(ORIGINAL))
    assert [b.path.name for b in backups.versions(data_file)][1:] == names[::-1]


@pytest.mark.parametrize(("variable", "read", "default"), [
    (settings.BACKUPS_KEEP_ENV, settings.backups_keep, 20),
    (settings.BACKUPS_DAYS_ENV, settings.backups_days, 90),
])
@pytest.mark.parametrize(("value", "expected"), [
    (None, "default"), ("", "default"), ("  ", "default"), ("5", 5), (" 7 ", 7), ("0", 0), ("365", 365),
    ("twenty", "error"), ("-1", "error"), ("2.5", "error"), ("1e3", "error"), ("٣", "error"),
])
def test_the_backup_settings_from_the_environment(monkeypatch, variable, read, default, value, expected):
    if value is None:
        monkeypatch.delenv(variable, raising=False)
    else:
        monkeypatch.setenv(variable, value)
    if expected == "error":
        with pytest.raises(settings.SettingError, match=f"{variable} must be a whole number, 0 or more, not"):
            read()
    else:
        assert read() == (default if expected == "default" else expected)


def test_one_atomic_write_serves_the_data_file_and_the_published_files():
    """A second copy of the rename dance is a bug waiting: the store and publish.py share atomic.py."""
    from partnermap import publish
    from partnerships import atomic

    for module in (storage, publish):
        source = Path(module.__file__).read_text(encoding="utf-8")
        assert "os.replace(" not in source and "mkstemp" not in source and "NamedTemporaryFile" not in source
    assert storage.write_atomically is atomic.write_atomically is publish.write_atomically
