"""Tab-separated blocks as the clipboard carries them between the grids and Excel/WPS (the table grids' paste plan and
the register's paste both read and write them)."""

from __future__ import annotations


def split_block(text: str) -> list[list[str]]:
    """Rows of cells from tab-separated text (a trailing line break, as Excel adds, is ignored)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    return [line.split("\t") for line in text.split("\n")]


def join_block(rows: list[list[str]]) -> str:
    return "\n".join("\t".join(row) for row in rows) + "\n"
