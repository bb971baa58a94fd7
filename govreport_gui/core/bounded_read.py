"""Reading a file the clerk chose with a size limit, every failure a one-line Chinese message.

Opening a ``.govreport`` and importing a published report or workbook refuse the same things in the same words (a
folder, a missing or unreadable file, one too large, also one that grows past the limit while it is read); only the
exception type and the "too large" sentence differ.  Only regular files are opened: a named pipe or a device is
refused before ``open`` (which would wait for a writer forever).  Nothing more than ``limit`` + 1 bytes is read into
memory.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from .os_errors import os_error_text


def read_limited(path: str | os.PathLike[str], limit: int, refusal: Callable[[str], Exception],
                 too_large: Callable[[str, int | None], str]) -> tuple[bytes, str]:
    """The bytes of ``path`` and its name; raises ``refusal(message)``.  ``too_large(name, size)`` words the
    refusal of a file over ``limit`` (``size`` is ``None`` when it grew past the limit while read)."""
    p = Path(path)
    name = p.name
    try:
        if p.is_dir():
            raise refusal(f"“{name}”是文件夹，不是报告文件。")
        st = p.stat()
        if not stat.S_ISREG(st.st_mode):  # a named pipe would block the open until a writer came (forever)
            raise refusal(f"“{name}”不是普通文件（可能是管道、设备或套接字），无法读取。")
        if st.st_size > limit:
            raise refusal(too_large(name, st.st_size))
        with open(p, "rb") as fh:
            data = fh.read(limit + 1)
    except FileNotFoundError:
        raise refusal(f"找不到文件“{name}”。") from None
    except IsADirectoryError:
        raise refusal(f"“{name}”是文件夹，不是报告文件。") from None
    except PermissionError:
        raise refusal(f"没有读取“{name}”的权限。") from None
    except OSError as exc:
        raise refusal(f"无法读取“{name}”：{os_error_text(exc)}。") from None
    if len(data) > limit:
        raise refusal(too_large(name, None))
    return data, name
