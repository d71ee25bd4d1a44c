"""Two processes on one database, saving at once: the compare-and-swap holds across processes.

Each process stands for an app replica with several sessions (threads). All of them save from
the same version at the same moment: exactly one save wins, the others are refused and nothing
is lost. Then they keep editing, each re-reading and retrying after a refusal, as staff do:
every edit ends up in the current version, and every save is one version of the history.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

from partnerships.settings import ROOT
from partnerships.stores import open_store
from tests.conftest import GOOD_ROWS, csv_text

THREADS = 10
ORIGINAL = csv_text(GOOD_ROWS[0]).encode()

# One replica: THREADS sessions that, once told, each save a row of their own on top of what
# they loaded. With `rounds` > 0 a refused session loads the current version and tries again.
_REPLICA = """
import json, sys, threading
from partnerships.stores import ConflictError, open_store
url, name, threads, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
store = open_store(url)
loaded = store.current()
barrier = threading.Barrier(threads)
outcomes = []
def session(n):
    version = loaded
    barrier.wait()
    for edit in range(max(rounds, 1)):
        row = f"{name}-{n}-{edit},edit\\n".encode()
        while True:
            try:
                store.save(version.content + row, version, f"{name} session {n}")
            except ConflictError:
                outcomes.append("conflict")
                if not rounds:
                    return
                version = store.current()
            else:
                outcomes.append("saved")
                version = store.current()
                break
workers = [threading.Thread(target=session, args=(n,)) for n in range(threads)]
print("ready", flush=True)
sys.stdin.readline()
for worker in workers:
    worker.start()
for worker in workers:
    worker.join()
print(json.dumps(outcomes), flush=True)
"""


def _race(url: str, rounds: int) -> list[str]:
    """Start two replicas, let both load, then release all their sessions together."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    replicas = [subprocess.Popen([sys.executable, "-c", _REPLICA, url, name, str(THREADS), str(rounds)], cwd=ROOT,
                                 env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True) for name in ("a", "b")]
    try:
        for replica in replicas:
            assert replica.stdout.readline().strip() == "ready", replica.stderr.read()
        for replica in replicas:
            replica.stdin.write("go\n")
            replica.stdin.flush()
        outcomes = []
        for replica in replicas:
            out, err = replica.communicate(timeout=120)
            assert replica.returncode == 0, err
            outcomes += json.loads(out.strip().splitlines()[-1])
        return outcomes
    finally:
        for replica in replicas:
            if replica.poll() is None:
                replica.kill()


def test_twenty_saves_from_one_version_in_two_processes_exactly_one_wins(database_url):
    store = open_store(database_url)
    store.save(ORIGINAL, None, "set up")
    outcomes = _race(database_url, rounds=0)
    assert sorted(outcomes) == ["conflict"] * (2 * THREADS - 1) + ["saved"]
    current = store.current()
    assert len(store.history()) == 1 and store.read(store.history()[0].id).content == ORIGINAL
    assert current.content.startswith(ORIGINAL) and current.content.count(b",edit\n") == 1
    assert current.saved_by.split(" session ")[0] in ("a", "b")


def test_editors_who_retry_after_a_refusal_lose_no_edit(database_url):
    store = open_store(database_url)
    store.save(ORIGINAL, None, "set up")
    rounds = 3
    outcomes = _race(database_url, rounds=rounds)
    edits = 2 * THREADS * rounds
    assert outcomes.count("saved") == edits
    content = store.current().content.decode()
    assert sorted(line for line in content.splitlines() if line.endswith(",edit")) == sorted(
        f"{name}-{n}-{edit},edit" for name in "ab" for n in range(THREADS) for edit in range(rounds))
    history = store.history()
    assert len(history) == edits  # every save is one version; the first is the set-up's
    ids = [int(version.id) for version in history]
    assert ids == sorted(ids, reverse=True) and int(store.head()) == ids[0] + 1
