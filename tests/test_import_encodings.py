"""Text and HTML files in the encodings Chinese government sites serve import exactly like their UTF-8 originals.

GBK, GB18030 and UTF-16 (with a byte-order mark) text; HTML declaring its charset in ``<meta charset>`` or in an
``http-equiv`` content type (GBK, GB2312, GB18030; Big5); a page that declares one charset and is in another is
still read when it is UTF-8 or GB18030; bytes no candidate encoding decodes are refused with one Chinese line.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_import_formats import report_html

from govreport_gui.core.importers.base import ImportRefused
from govreport_gui.core.importers.charset import declared_charset, decode_source
from govreport_gui.core.importers.dispatch import import_bytes
from govreport_gui.core.storage import read_report

DATA = Path(__file__).resolve().parent / "data"
TEXT = (DATA / "linping-2023-published.txt").read_text(encoding="utf-8")


def _same(a, b) -> None:
    assert a.report.values == b.report.values
    assert a.report.printed_totals == b.report.printed_totals
    assert a.report.texts == b.report.texts
    assert a.report.meta == b.report.meta


@pytest.mark.parametrize("codec", ["gbk", "gb18030", "utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_text_in_any_encoding_imports_like_utf8(codec: str) -> None:
    data = TEXT.encode(codec)
    if codec in ("utf-16-le", "utf-16-be"):
        data = ("\ufeff" + TEXT).encode(codec)  # with its byte-order mark
    base = import_bytes(TEXT.encode("utf-8"), "r.txt")
    assert len(base.report.values) > 100
    _same(import_bytes(data, "r.txt"), base)


def _html() -> str:
    return report_html(read_report(DATA / "linping-2023.govreport"))


@pytest.mark.parametrize(("codec", "head"), [
    ("gbk", '<meta charset="gbk">'),
    ("gb18030", "<meta charset=GB2312>"),
    ("gbk", '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'),
    ("gb18030", '<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=GB18030">'),
    ("utf-8", '<meta charset="gbk">'),  # declared wrongly: the bytes are UTF-8
])
def test_html_honours_its_declared_charset(codec: str, head: str) -> None:
    html = _html()
    assert "<head>" in html
    page = html.replace("<head>", "<head>" + head, 1)
    base = import_bytes(page.encode("utf-8"), "r.html")
    data = page.encode(codec)
    _same(import_bytes(data, "r.html"), base)


def test_declared_charsets() -> None:
    assert declared_charset(b'<html><head><meta charset="GBK"></head>') == "gb18030"
    assert declared_charset(b"<meta http-equiv=Content-Type content='text/html; charset=utf-8'>") == "utf-8"
    assert declared_charset(b"<meta charset=no-such-codec>") is None
    assert declared_charset(b"<p>charset</p>") is None


def test_a_big5_page_is_read_as_big5() -> None:
    page = ('<html><head><meta http-equiv="content-type" content="text/html;charset=big5"></head>'
            "<body>政府資訊公開</body>")
    assert "政府資訊公開" in decode_source(page.encode("big5"), "r.html")


def test_undecidable_bytes_are_refused_in_one_chinese_line() -> None:
    data = TEXT.encode("utf-8")[:2000] + b"\xff\xfe\xff" + TEXT.encode("gbk")[2000:4000]
    with pytest.raises(ImportRefused) as exc:
        import_bytes(b"x" + data, "r.txt")
    msg = str(exc.value)
    assert "编码" in msg and "\n" not in msg
