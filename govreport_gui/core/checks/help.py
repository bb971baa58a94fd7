"""Plain-Chinese help: each rule's explanation (what it checks, why, how to fix it) and the short user's guide.

The explanations are data in the form file (each rule's ``explain``); this module only lays them out, once, for the
finding's tooltip, 查看规则说明 and 帮助 → 规则说明.  The guide walks a clerk through one year's report: start from last
year's file, fill in, check, confirm, export, print.
"""

from __future__ import annotations

from html import escape

from ..form import Form
from .finding import SEVERITY_NAMES

_PARTS = (("what", "检查什么"), ("why", "为什么"), ("fix", "怎样改正"))

USER_GUIDE = (
    ("从上年报告开始", "选“文件 → 从上年报告新建…”，选上年保存的报告文件：机关名称、年度和上年结转的申请数自动带入，"
     "上年的正文可作为草稿修改。没有上年文件的，可用“文件 → 导入…”读入已发布的上年报告（网页、Word、PDF、文本）。"),
    ("填写", "“基本信息”页填机关名称、年度和发布日期；各表格的白色格直接输入数字，回车到下一格，Tab到右一格，"
     "F2修改当前格；绿色格是自动计算的合计。输入有误时格子保持打开，改正后回车即可，按Esc恢复原值。"
     "正文各部分在对应的标签页中填写。"),
    ("检查", "右侧“检查结果”随时列出勾稽关系的错误（红色）和需要核实的警告（黄色）；"
     "点击一条会跳到有关的格子或正文句子。"
     "在格子上单击右键选“查看规则说明”，或按F1看“规则说明”，可知道每条规则检查什么、怎样改正。"),
    ("确认", "导入或从上年转入的数字带浅紫色，核对无误后选“编辑 → 确认导入的数值”；确实无误的警告，"
     "选中后点“确认警告并说明…”写明理由，说明随报告保存。"),
    ("导出", "“文件 → 导出”生成Excel工作簿、PDF、Word文档或网页，版式与年度报告格式一致；"
     "网页可直接发布到门户网站，也可选“编辑 → 复制为网页格式”后粘贴到网站编辑器或Word、WPS，表格仍是表格。"
     "保存的报告文件（.govreport）留作明年“从上年报告新建”的底稿。"),
    ("打印", "“文件 → 打印预览…”查看版面，再“打印…”；需要盖章的纸质件，打印后由单位负责人签字并加盖公章。"),
)


def rule_explanation(form: Form, rule_id: str) -> str:
    """The rule's explanation as plain text: its id, title and severity, then what, why and how to fix."""
    rule = form.rule(rule_id)
    explain = rule.get("explain", {})
    lines = [f"{rule_id} {rule.get('title', '')}（{SEVERITY_NAMES.get(rule.get('severity', ''), '')}）"]
    lines += [f"{label}：{explain[key]}" for key, label in _PARTS if explain.get(key)]
    return "\n".join(lines)


def rule_explanation_html(form: Form, rule_id: str) -> str:
    """The same explanation as a small HTML block (a heading and three short paragraphs)."""
    rule = form.rule(rule_id)
    explain = rule.get("explain", {})
    severity = SEVERITY_NAMES.get(rule.get("severity", ""), "")
    out = [f"<h3>{escape(rule_id)} {escape(str(rule.get('title', '')))}（{escape(severity)}）</h3>"]
    out += [f"<p><b>{label}：</b>{escape(explain[key])}</p>" for key, label in _PARTS if explain.get(key)]
    return "".join(out)


def rules_guide_html(form: Form, rule_ids: list[str] | None = None) -> str:
    """Every rule's explanation (or those of ``rule_ids``), errors first as the form lists them."""
    ids = rule_ids if rule_ids is not None else [str(r["id"]) for r in form.rules]
    intro = ("<p>红色的“错误”是勾稽关系不成立，报告在改正前不宜发布；黄色的“警告”可能有合理原因，"
             "核实后可“确认警告并说明”。</p>") if rule_ids is None else ""
    return intro + "".join(rule_explanation_html(form, rid) for rid in ids)


def user_guide_html() -> str:
    """The built-in guide: one numbered step per stage of the year's report."""
    steps = "".join(f"<li><b>{escape(title)}</b>：{escape(text)}</li>" for title, text in USER_GUIDE)
    return f"<h3>使用说明</h3><ol>{steps}</ol><p>按F1随时打开本说明。</p>"
