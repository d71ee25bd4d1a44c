"""One way to replace a file: readers see the old bytes or the new, never a mix.

The bytes go to a temporary file beside the target (`.<name>.<random>.tmp`, the pattern
backups.orphans cleans up after a crash), which is renamed over it; `durable` also syncs the
file and its folder, so a power cut cannot undo a save that was reported done. The data file,
its backups and its log of who saved, and every file the map publishes, are written here.
"""
from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

FILE_MODE = 0o644  # readable by the web server and the staff's other tools
_NO_DIRECTORY_SYNC = {errno.EINVAL, errno.ENOTSUP, errno.EBADF}  # file systems that cannot sync a folder


def write_atomically(target: Path, content: bytes, *, durable: bool = True, mtime: float | None = None) -> None:
    """Replace `target` with `content` in one step; a failure leaves no temporary file behind.
    `mtime` sets the modification time the new file shows (published files keep their source's)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(content)
            file.flush()
            os.fchmod(file.fileno(), FILE_MODE)  # mkstemp makes it private
            if durable:
                os.fsync(file.fileno())
        if mtime is not None:
            os.utime(temporary, (mtime, mtime))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    if durable:
        sync_directory(target.parent)


def sync_directory(folder: Path) -> None:
    """Make a rename durable: without this a power cut can undo it after we reported success."""
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(descriptor)
    except OSError as err:
        if err.errno not in _NO_DIRECTORY_SYNC:
            raise
    finally:
        os.close(descriptor)
