"""Reading a file the clerk chose with a size limit, every failure a one-line Chinese message.

Opening a ``.govreport`` and importing a published report or workbook refuse the same things in the same words (a
folder, a missing or unreadable file, one too large, also one that grows past the limit while it is read); only the
exception type and the "too large" sentence differ.  Nothing more than ``limit`` + 1 bytes is read into memory.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from .os_errors import os_error_text


def read_limited(path: str | os.PathLike[str], limit: int, refusal: Callable[[str], Exception],
                 too_large: Callable[[str, int | None], str]) -> tuple[bytes, str]:
    """The bytes of ``path`` and its name; raises ``refusal(message)``.  ``too_large(name, size)`` words the
    refusal of a file over ``limit`` (``size`` is ``None`` when it grew past the limit while read)."""
    name = os.path.basename(os.fspath(path))
    try:
        with open(path, "rb") as fh:  # one open and one fstat: validate reads thousands of files
            size = os.fstat(fh.fileno()).st_size
            if size > limit:
                raise refusal(too_large(name, size))
            data = fh.read(limit + 1)
    except FileNotFoundError:
        raise refusal(f"找不到文件“{name}”。") from None
    except (IsADirectoryError, PermissionError) as exc:
        if Path(path).is_dir():  # Windows says PermissionError for a folder
            raise refusal(f"“{name}”是文件夹，不是报告文件。") from None
        if isinstance(exc, IsADirectoryError):
            raise refusal(f"“{name}”是文件夹，不是报告文件。") from None
        raise refusal(f"没有读取“{name}”的权限。") from None
    except OSError as exc:
        raise refusal(f"无法读取“{name}”：{os_error_text(exc)}。") from None
    if len(data) > limit:
        raise refusal(too_large(name, None))
    return data, name
