"""The Word 97–2003 binary format (``.doc``, and WPS's ``.wps``, which is the same format): the FIB, the piece table
and the paragraph properties, read from the ``WordDocument`` and table streams ([MS-DOC]).

Only what the import needs: the main document's text (``ccpText`` characters, in pieces that are either 8-bit or
UTF-16), and for every paragraph mark the few properties that say where table cells and rows end (sprmPFInTable,
sprmPFTtp, sprmPItap) and, at a row's end, its cells' vertical and horizontal merges (sprmTDefTable,
sprmTVertMerge).  Every offset and count is checked against the stream it points into; anything that does not fit
raises :class:`DocBroken`, which the caller turns into a Chinese refusal.
"""

from __future__ import annotations

import bisect
import struct
from dataclasses import dataclass, field

MAX_FKP_PAGES = 1024  # paragraph-property pages: a long report has a few dozen
_FIB_BLOB = 154  # FibBase (32) + csw (2) + FibRgW97 (28) + cslw (2) + FibRgLw97 (88) + cbRgFcLcb (2)
_CP1252_GAPS = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


class DocBroken(Exception):
    """The stream does not hold what its FIB says."""


class DocOld(Exception):
    """A Word 6/95 document (or older): another format."""


class DocEncrypted(Exception):
    """The document is encrypted or obfuscated."""


def _u16(b: bytes, p: int) -> int:
    if p < 0 or p + 2 > len(b):
        raise DocBroken(p)
    return int(struct.unpack_from("<H", b, p)[0])


def _u32(b: bytes, p: int) -> int:
    if p < 0 or p + 4 > len(b):
        raise DocBroken(p)
    return int(struct.unpack_from("<I", b, p)[0])


@dataclass(frozen=True)
class Fib:
    ccp_text: int
    table: str  # "0Table" or "1Table"
    clx: tuple[int, int]  # (fc, lcb) in the table stream
    papx: tuple[int, int]  # PlcBtePapx (fc, lcb) in the table stream


def read_fib(wd: bytes) -> Fib:
    if len(wd) < _FIB_BLOB + 34 * 8 or _u16(wd, 0) != 0xA5EC:
        raise DocBroken("FIB")
    nfib, flags = _u16(wd, 2), _u16(wd, 10)
    if nfib < 0xC1:
        raise DocOld(nfib)
    if flags & 0x0100 or flags & 0x8000:  # fEncrypted, fObfuscated
        raise DocEncrypted()
    if _u16(wd, 32) != 14 or _u16(wd, 62) != 22 or _u16(wd, _FIB_BLOB - 2) < 34:
        raise DocBroken("FIB sizes")
    ccp = struct.unpack_from("<i", wd, 76)[0]
    if ccp < 0:
        raise DocBroken("ccpText")

    def pair(i: int) -> tuple[int, int]:
        return _u32(wd, _FIB_BLOB + 8 * i), _u32(wd, _FIB_BLOB + 8 * i + 4)

    return Fib(ccp, "1Table" if flags & 0x0200 else "0Table", pair(33), pair(13))


@dataclass(frozen=True)
class Piece:
    cp: int  # first character position
    text: str
    fc: int  # file offset of the first character in the WordDocument stream
    width: int  # bytes a character: 1 (compressed, cp1252) or 2 (UTF-16)


def _decode_8bit(raw: bytes) -> str:
    return "".join(chr(b) if b in _CP1252_GAPS else bytes([b]).decode("cp1252") for b in raw)


def read_pieces(wd: bytes, table: bytes, fib: Fib) -> list[Piece]:
    """The main document's text, piece by piece (ccpText characters in all)."""
    fc, lcb = fib.clx
    if fc + lcb > len(table) or lcb < 5:
        raise DocBroken("Clx")
    pos, end = fc, fc + lcb
    while pos < end and table[pos] == 0x01:  # Prc: property modifiers for pieces, not needed here
        pos += 3 + _u16(table, pos + 1)
    if pos >= end or table[pos] != 0x02:
        raise DocBroken("Pcdt")
    size = _u32(table, pos + 1)
    plc = pos + 5
    if plc + size > end or size < 16 or (size - 4) % 12:
        raise DocBroken("PlcPcd")
    n = (size - 4) // 12
    out: list[Piece] = []
    last = 0
    for i in range(n):
        cp, cp_next = _u32(table, plc + 4 * i), _u32(table, plc + 4 * i + 4)
        if cp != last or cp_next <= cp:
            raise DocBroken("piece order")
        last = cp_next
        if cp >= fib.ccp_text:
            break
        count = min(cp_next, fib.ccp_text) - cp
        raw_fc = _u32(table, plc + 4 * (n + 1) + 8 * i + 2)
        if raw_fc & 0x40000000:
            at = (raw_fc & 0x3FFFFFFF) // 2
            if at + count > len(wd):
                raise DocBroken("piece")
            out.append(Piece(cp, _decode_8bit(wd[at:at + count]), at, 1))
        else:
            if raw_fc + 2 * count > len(wd):
                raise DocBroken("piece")
            out.append(Piece(cp, wd[raw_fc:raw_fc + 2 * count].decode("utf-16-le", errors="replace"), raw_fc, 2))
    return out


@dataclass
class Para:
    """What a paragraph mark's properties say about tables."""

    in_table: bool = False
    row_end: bool = False
    depth: int = 0
    skip: set[int] = field(default_factory=set)  # at a row's end: cells merged into the one above or before


def _sprms(grpprl: bytes, data: bytes, depth: int = 0) -> Para:
    out = Para()
    merges: dict[int, int] = {}
    p = 0
    while p + 2 <= len(grpprl):
        sprm = _u16(grpprl, p)
        p += 2
        spra = sprm >> 13
        if spra == 6:
            if sprm in (0xD608, 0xD606):  # sprmTDefTable: a two-byte size, one more than the operand's length
                size, p = _u16(grpprl, p) - 1, p + 2
            elif p < len(grpprl):
                size, p = grpprl[p], p + 1
            else:
                break
        else:
            size = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}[spra]
        op = grpprl[p:p + size]
        p += size
        if sprm == 0x2416 and op:
            out.in_table = bool(op[0])
        elif sprm == 0x2417 and op:
            out.row_end = bool(op[0])
        elif sprm == 0x6649 and len(op) == 4:
            out.depth = _u32(op, 0)
        elif sprm in (0xD608, 0xD606) and op:
            merges.update(_tdef_merges(op))
        elif sprm == 0xD62B and len(op) >= 2:  # sprmTVertMerge: the cell, its vertical merge
            merges[op[0]] = (merges.get(op[0], 0) & 0x3) | ((op[1] & 0x3) << 5)
        elif sprm == 0x6646 and len(op) == 4 and depth == 0:  # sprmPHugePapx: the properties are in the Data stream
            at = _u32(op, 0)
            huge = _sprms(data[at + 2: at + 2 + _u16(data, at)], data, 1)
            out.in_table |= huge.in_table
            out.row_end |= huge.row_end
            out.depth = max(out.depth, huge.depth)
            out.skip |= huge.skip
    out.skip |= {i for i, m in merges.items() if m & 0x3 == 2 or (m >> 5) & 0x3 == 1}
    if out.in_table and not out.depth:
        out.depth = 1
    return out


def _tdef_merges(op: bytes) -> dict[int, int]:
    """Cell → its TC80 flags (horizontal merge in bits 0–1, vertical in bits 5–6), from a TDefTableOperand."""
    n = op[0]
    at = 1 + 2 * (n + 1)
    out = {}
    for i in range(n):
        if at + 20 * i + 2 > len(op):
            break
        out[i] = _u16(op, at + 20 * i)
    return out


class ParaProps:
    """Paragraph properties by file offset, from the PapxFkp pages the PlcBtePapx lists."""

    def __init__(self, wd: bytes, table: bytes, fib: Fib, data: bytes) -> None:
        fc, lcb = fib.papx
        if fc + lcb > len(table) or lcb < 4 or (lcb - 4) % 8:
            raise DocBroken("PlcBtePapx")
        n = (lcb - 4) // 8
        if n > MAX_FKP_PAGES:
            raise DocBroken("too many pages")
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.props: list[Para] = []
        runs: list[tuple[int, int, Para]] = []
        for i in range(n):
            page = _u32(table, fc + 4 * (n + 1) + 4 * i) * 512
            if page + 512 > len(wd):
                raise DocBroken("FKP")
            fkp = wd[page:page + 512]
            crun = fkp[511]
            for j in range(min(crun, 101)):
                start, end = _u32(fkp, 4 * j), _u32(fkp, 4 * j + 4)
                b = fkp[4 * (crun + 1) + 13 * j] * 2
                if not b:
                    runs.append((start, end, Para()))
                    continue
                cb = fkp[b]
                grp = fkp[b + 1: b + 2 * cb] if cb else fkp[b + 2: b + 2 + 2 * fkp[b + 1]]
                runs.append((start, end, _sprms(grp[2:], data)))
        runs.sort(key=lambda r: r[0])
        for start, end, para in runs:
            self.starts.append(start)
            self.ends.append(end)
            self.props.append(para)

    def at(self, fc: int) -> Para:
        i = bisect.bisect_right(self.starts, fc) - 1
        return self.props[i] if i >= 0 and fc < self.ends[i] else Para()
