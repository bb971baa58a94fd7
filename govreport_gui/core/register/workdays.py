"""Working days by the official holiday and 调休 calendar: the ``chinese-calendar`` package, plus a local file.

``chinese-calendar`` (PyPI ``chinesecalendar``) carries the State Council's notices year by year (1.11: 2004–2026).
For a year it does not cover, the clerk can add the notice's dates to ``holidays.toml`` in the per-user data folder::

    # 国务院办公厅关于2027年部分节假日安排的通知
    [2027]
    holidays = ["2027-01-01", "2027-02-05", "2027-02-06"]   # 放假的日子（含放假的工作日）
    workdays = ["2027-02-14"]                               # 调休上班的周六、周日

A year listed there counts as covered: a day is a working day if it is listed under ``workdays``, or it is Monday
to Friday and not listed under ``holidays``.  A deadline that reaches a year covered by neither raises
:class:`CalendarGap` whose message says what to add where.  Lookups are cached per day: a 40-working-day deadline
costs about 60 dictionary look-ups, and each (start, working days) result is kept: a register of 10,000 lines has
a few hundred distinct ones.
"""

from __future__ import annotations

import os
import tomllib
from datetime import date, timedelta
from pathlib import Path

LOCAL_FILE_NAME = "holidays.toml"
MAX_LOCAL_BYTES = 256 * 1024


class CalendarGap(Exception):
    """A date in a year whose holidays are unknown; ``str(exc)`` is a one-line Chinese message."""

    def __init__(self, year: int, local_file: str) -> None:
        self.year = year
        where = f"“{local_file}”" if local_file else f"数据文件夹中的{LOCAL_FILE_NAME}"
        super().__init__(
            f"本程序尚未收录{year}年的法定节假日和调休安排，无法计算答复期限；"
            f"请在{where}中补充{year}年的放假和调休日期，或升级程序。"
        )


class CalendarFileError(Exception):
    """A malformed local holidays file; ``str(exc)`` is a one-line Chinese message."""


class WorkCalendar:
    """Is a day a working day?  The package first, then the local years."""

    def __init__(self, local: dict[int, tuple[frozenset[date], frozenset[date]]] | None = None,
                 local_file: str = "") -> None:
        self.local = local or {}
        self.local_file = local_file
        self._cache: dict[date, bool] = {}
        self._added: dict[tuple[date, int], date] = {}
        self._between: dict[tuple[date, date], int] = {}

    def is_workday(self, day: date) -> bool:
        hit = self._cache.get(day)
        if hit is None:
            hit = self._cache[day] = self._lookup(day)
        return hit

    def _lookup(self, day: date) -> bool:
        try:
            import chinese_calendar

            return bool(chinese_calendar.is_workday(day))
        except (NotImplementedError, ImportError):
            pass
        year = self.local.get(day.year)
        if year is None:
            raise CalendarGap(day.year, self.local_file)
        holidays, workdays = year
        return day in workdays or (day.weekday() < 5 and day not in holidays)

    def add_workdays(self, start: date, n: int) -> date:
        """The ``n``-th working day after ``start`` (``start`` itself not counted)."""
        hit = self._added.get((start, n))
        if hit is not None:
            return hit
        day, left = start, n
        while left > 0:
            day += timedelta(days=1)
            if self.is_workday(day):
                left -= 1
        self._added[(start, n)] = day
        return day

    def workdays_between(self, after: date, upto: date) -> int:
        """Working days in (``after``, ``upto``]; 0 when ``upto`` is not later."""
        hit = self._between.get((after, upto))
        if hit is not None:
            return hit
        n, day = 0, after
        while day < upto:
            day += timedelta(days=1)
            n += self.is_workday(day)
        self._between[(after, upto)] = n
        return n


def local_calendar_path() -> Path:
    from ..paths import user_data_dir

    return user_data_dir() / LOCAL_FILE_NAME


def parse_local(text: str, name: str = LOCAL_FILE_NAME) -> dict[int, tuple[frozenset[date], frozenset[date]]]:
    """Read the local file's text; :class:`CalendarFileError` with a Chinese message when it is malformed."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CalendarFileError(f"节假日文件“{name}”格式有误（{exc}）。") from None
    out: dict[int, tuple[frozenset[date], frozenset[date]]] = {}
    for key, body in raw.items():
        if not (key.isdigit() and len(key) == 4 and isinstance(body, dict)):
            raise CalendarFileError(f"节假日文件“{name}”中的“{key}”应为四位年份，如 [2027]。")
        year = int(key)
        sets = []
        for part in ("holidays", "workdays"):
            days = body.get(part, [])
            if not isinstance(days, list):
                raise CalendarFileError(f"节假日文件“{name}”中[{key}]的{part}应为日期列表。")
            got = set()
            for d in days:
                try:
                    day = d if isinstance(d, date) else date.fromisoformat(str(d))
                except ValueError:
                    raise CalendarFileError(f"节假日文件“{name}”中[{key}]的“{d}”不是YYYY-MM-DD日期。") from None
                if day.year != year:
                    raise CalendarFileError(f"节假日文件“{name}”中[{key}]列出了其他年份的日期“{day}”。")
                got.add(day)
            sets.append(frozenset(got))
        unknown = set(body) - {"holidays", "workdays"}
        if unknown:
            raise CalendarFileError(f"节假日文件“{name}”中[{key}]有未知项“{sorted(unknown)[0]}”。")
        out[year] = (sets[0], sets[1])
    return out


_loaded: tuple[tuple[str, int, int] | None, WorkCalendar] | None = None


def load_calendar(path: str | os.PathLike[str] | None = None) -> WorkCalendar:
    """The calendar with the local file (default: the user's); re-read only when the file changed.

    A missing local file is no error; a malformed one raises :class:`CalendarFileError`.
    """
    global _loaded
    p = Path(path) if path is not None else local_calendar_path()
    try:
        st = p.stat()
        stamp: tuple[str, int, int] | None = (str(p), st.st_mtime_ns, st.st_size)
    except OSError:
        stamp = None
    if _loaded is not None and _loaded[0] == stamp and (stamp is not None or _loaded[1].local_file == str(p)):
        return _loaded[1]
    local = {}
    if stamp is not None:
        if stamp[2] > MAX_LOCAL_BYTES:
            raise CalendarFileError(f"节假日文件“{p.name}”过大，不是节假日安排。")
        try:
            text = p.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CalendarFileError(f"无法读取节假日文件“{p.name}”（{exc}）。") from None
        local = parse_local(text, p.name)
    cal = WorkCalendar(local, str(p))
    _loaded = (stamp, cal)
    return cal
