"""Why the operating system refused to read or write a file, in Chinese.

``OSError.strerror`` is the C library's English ("No space left on device"); the command line printed it as it was.
:func:`os_error_text` names the common causes by ``errno`` (and Windows' sharing violations) and falls back to the
error number, so no English reaches the clerk.
"""

from __future__ import annotations

import errno

_BY_ERRNO: dict[int, str] = {
    errno.ENOENT: "文件或所在文件夹不存在",
    errno.EISDIR: "这是一个文件夹",
    errno.ENOTDIR: "路径中的某一级不是文件夹",
    errno.EACCES: "没有访问权限",
    errno.EPERM: "没有操作权限",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "所在位置是只读的",
    errno.ENAMETOOLONG: "文件名或路径过长",
    errno.EEXIST: "文件已存在",
    errno.EBUSY: "文件正被占用",
    errno.ETXTBSY: "文件正被占用",
    errno.EIO: "读写设备出错（磁盘或网络盘可能有故障）",
    errno.EMFILE: "同时打开的文件过多",
    errno.ENFILE: "同时打开的文件过多",
    errno.ELOOP: "路径中的链接过多或成环",
    errno.EXDEV: "不能跨磁盘移动文件",
    errno.EFBIG: "文件过大",
    errno.EINVAL: "文件名或路径无效",
    errno.ENXIO: "设备不可用",
    errno.ENODEV: "设备不可用",
}
for _name, _text in (("EDQUOT", "磁盘配额已用完"), ("ESTALE", "网络盘上的文件已失效，请重新连接"),
                     ("ENOTCONN", "网络盘已断开"), ("ETIMEDOUT", "网络盘响应超时"), ("EHOSTDOWN", "网络盘已断开")):
    if hasattr(errno, _name):
        _BY_ERRNO[getattr(errno, _name)] = _text
_BY_WINERROR = {32: "文件正被其他程序占用", 33: "文件的一部分被其他程序锁定", 1224: "文件正被其他程序映射占用"}


def os_error_text(exc: BaseException) -> str:
    """The cause of an OS error in a few Chinese words (no full stop)."""
    if isinstance(exc, OSError):
        winerror = getattr(exc, "winerror", None)
        if winerror in _BY_WINERROR:
            return _BY_WINERROR[winerror]
        if exc.errno in _BY_ERRNO:
            return _BY_ERRNO[exc.errno]
        if exc.errno:
            return f"系统错误（错误号{exc.errno}）"
    return f"系统错误（{type(exc).__name__}）"
