"""Read the bytes of a file the app was pointed at: a regular file only, and never more than the
size limit.

The size a file reports is not trusted: /dev/zero reports none and never ends, a file may grow
while it is read, a named pipe waits for a writer for ever. So the file is opened without
waiting (a pipe opens at once), what it is is asked of the open file itself (not of a path that
may change in between), and it is read up to one byte past the limit, no further.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

from partnerships import settings
from partnerships.messages import said
from partnerships.problems import DataFileError
from partnerships.reading import check_size
from partnerships.settings import Limits

_CHUNK = 1 << 20
_KINDS = ((stat.S_ISDIR, "kind_folder"), (stat.S_ISFIFO, "kind_pipe"), (stat.S_ISSOCK, "kind_socket"),
          (stat.S_ISCHR, "kind_device"), (stat.S_ISBLK, "kind_device"))


def _too_big_while_read(limits: Limits) -> DataFileError:
    return DataFileError(said("file_over_limit", limit=limits.max_megabytes, setting=settings.MAX_FILE_MB_ENV))


def read_limited(path: Path, limits: Limits | None = None) -> bytes:
    """The bytes of the regular file at `path`; DataFileError for anything else (a folder, a pipe,
    a device) or past the size limit, OSError when it cannot be opened (FileNotFoundError if absent)."""
    limits = limits or settings.limits()
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        status = os.fstat(descriptor)
        kind = next((key for test, key in _KINDS if test(status.st_mode)), None)
        if kind or not stat.S_ISREG(status.st_mode):
            raise DataFileError(said("not_a_regular_file", what=said(kind or "kind_special")))
        check_size(status.st_size, limits)
        chunks, total = [], 0
        while chunk := os.read(descriptor, min(_CHUNK, limits.max_bytes + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > limits.max_bytes:
                raise _too_big_while_read(limits)
        return b"".join(chunks)
    finally:
        os.close(descriptor)
