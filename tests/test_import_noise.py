"""Markup, header placeholders and page furniture in a converted report are not "未识别" findings; real words are."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from common import SHARED

from govreport_gui.core.importers.dispatch import import_file
from govreport_gui.core.importers.noise import is_noise


@pytest.mark.parametrize("text", ["###", "##", "| --- |", "**", "(数据项目)", "数据1", "数据6", "类别", "列3",
                                  "Unnamed: 2", "第 3 页", "- 3 -", "3/12", "第2页 共5页", "### (六)", "—5—"])
def test_noise(text: str) -> None:
    assert is_noise(text)


@pytest.mark.parametrize("text", ["本年新收件数", "上年结转件数", "其他处理", "行政许可", "### 办理结果说明"])
def test_not_noise(text: str) -> None:
    assert not is_noise(text)


def test_markdown_conversion_lists_no_markup(tmp_path: Path) -> None:
    sample = SHARED / "samples" / "shuyang-2025-markdown.txt"
    if not sample.is_file():
        pytest.skip("the shared samples are not here")
    md = tmp_path / "shuyang.md"
    shutil.copy(sample, md)
    result = import_file(md)
    unread = [e.message for e in result.entries("unread")]
    assert len(unread) <= 5, unread  # was 56: "###", "数据1" … "数据6", "类别", "(数据项目)"
    assert not any("###" in m or "数据1" in m or "数据项目" in m for m in unread), unread
    assert result.counts()["read"] >= 200
