"""Reading an exchange file from disk: the same limits and the same words for every format."""

from __future__ import annotations

import stat
from pathlib import Path

from msgdesk.domain.errors import ExchangeFileError

MAX_FILE_BYTES = 50 * 1024 * 1024


def too_large(size: int) -> str:
    return f"the file is too large ({size:,} bytes; at most {MAX_FILE_BYTES:,})"


def read_file_bytes(path: Path, what: str, error: type[ExchangeFileError]) -> bytes:
    """The bytes of the ``what`` file ("return", "directions") at ``path``, at most
    MAX_FILE_BYTES; ``error`` (the format's error class) says why not."""
    source = str(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise error([f"this is a folder, not a {what} file"], source)
        if not stat.S_ISREG(info.st_mode):  # a pipe or a device could block or never end
            raise error(["this is not an ordinary file"], source)
        if info.st_size > MAX_FILE_BYTES:
            raise error([too_large(info.st_size)], source)
        with path.open("rb") as fh:
            return fh.read(MAX_FILE_BYTES + 1)  # the file may have grown since stat()
    except (FileNotFoundError, NotADirectoryError) as exc:
        raise error(["no such file"], source) from exc
    except IsADirectoryError as exc:
        raise error([f"this is a folder, not a {what} file"], source) from exc
    except PermissionError as exc:
        raise error(["permission denied: the file cannot be read"], source) from exc
    except ValueError as exc:  # a NUL in the name
        raise error(["this is not a valid file name"], source) from exc
    except OSError as exc:
        raise error([f"the file cannot be read ({exc.strerror or exc})"], source) from exc
