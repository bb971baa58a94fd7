"""What the page does not show, kept in the document: the meta as custom properties, explanations and last year's
baseline as a custom XML part.

The agency, year, title and published date are not all visible in the document (the title is; the agency and date
only with the signature block), so they travel as named custom properties (Word: 文件 › 属性 › 自定义; WPS: 文档属性 ›
自定义), where a person can also see and change them.  ``生成程序`` marks the document as ours for
:mod:`core.importers.own.word`.  The clerk's explanations and last year's figures (rules W1–W3) go in a custom XML part
as JSON: Word caps a custom property at 255 characters, an explanation can be longer.  The tables and the prose are
always read from the visible document, never from here.
"""

from __future__ import annotations

from typing import Any

FORMAT = "govreport-docx"
FORMAT_VERSION = 1
MARK = "生成程序"  # value: FORMAT
VERSION = "格式版本"
FORM = "表式"
META_NAMES = {"agency": "机关名称", "year": "年度", "title": "报告标题", "published": "发布日期"}
MAX_VALUE_CHARS = 2000

_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
PARTNAME = "/docProps/custom.xml"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def properties_xml(meta: dict[str, Any], form_id: str, clean: Any) -> bytes:
    """The custom properties part for ``meta`` (absent or empty fields are left out; ``clean`` makes text legal)."""
    items: list[tuple[str, str, str]] = [(MARK, "lpwstr", FORMAT), (VERSION, "i4", str(FORMAT_VERSION)),
                                         (FORM, "lpwstr", form_id)]
    for key, name in META_NAMES.items():
        value = meta.get(key)
        if value is None or value == "":
            continue
        kind = "i4" if isinstance(value, int) and not isinstance(value, bool) else "lpwstr"
        items.append((name, kind, str(value) if kind == "i4" else clean(str(value))))
    props = "".join(
        f'<property fmtid="{_FMTID}" pid="{pid}" name="{_escape(name)}"><vt:{kind}>{_escape(value)}</vt:{kind}>'
        "</property>"
        for pid, (name, kind, value) in enumerate(items, 2)
    )
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="{_NS}" '
            f'xmlns:vt="{_VT}">{props}</Properties>').encode()


def add_properties(document: Any, meta: dict[str, Any], form_id: str, clean: Any) -> None:
    """Attach the custom properties part to a python-docx ``document``."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    package = document.part.package
    part = Part(PackURI(PARTNAME), CT.OFC_CUSTOM_PROPERTIES, properties_xml(meta, form_id, clean), package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)


def read_properties(xml: bytes) -> dict[str, str | int]:
    """Name → value of a custom properties part (untrusted: no DTD, no entities, no network; bad XML → {})."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError:
        return {}
    if root.tag != f"{{{_NS}}}Properties" or root.getroottree().docinfo.doctype:
        return {}
    out: dict[str, str | int] = {}
    for prop in root.iterchildren(f"{{{_NS}}}property"):
        name = prop.get("name")
        value = next(iter(prop), None)
        if not name or value is None:
            continue
        text = (value.text or "")[:MAX_VALUE_CHARS]
        if value.tag == f"{{{_VT}}}i4":
            try:
                out[name] = int(text)
            except ValueError:
                continue
        else:
            out[name] = text
    return out


# --- what the page does not show: the clerk's explanations and last year's baseline --------------------------------
DATA_NS = "urn:govreport:docx"
DATA_ITEM = "/customXml/item9.xml"  # python-docx's template already holds item1
DATA_PROPS = "/customXml/itemProps9.xml"
MAX_DATA_CHARS = 2_000_000


def add_data(document: Any, doc: dict[str, Any]) -> None:
    """A custom XML part (Word, WPS and LibreOffice keep these) holding ``doc`` as JSON."""
    import json
    import uuid

    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    text = _escape(json.dumps(doc, ensure_ascii=False, sort_keys=True))
    item_xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<govreport xmlns="{DATA_NS}" '
                f'format="{FORMAT}" version="{FORMAT_VERSION}">{text}</govreport>').encode()
    props_xml = ('<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<ds:datastoreItem '
                 f'ds:itemID="{{{str(uuid.uuid4()).upper()}}}" '
                 'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs>'
                 f'<ds:schemaRef ds:uri="{DATA_NS}"/></ds:schemaRefs></ds:datastoreItem>').encode()
    package = document.part.package
    item = Part(PackURI(DATA_ITEM), CT.XML, item_xml, package)
    item.relate_to(Part(PackURI(DATA_PROPS), CT.OFC_CUSTOM_XML_PROPERTIES, props_xml, package), RT.CUSTOM_XML_PROPS)
    document.part.relate_to(item, RT.CUSTOM_XML)


def read_data(xml: bytes) -> dict[str, Any] | None:
    """The JSON of our custom XML part, or ``None`` when ``xml`` is not it (untrusted: no DTD, no entities)."""
    import json

    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError:
        return None
    if root.tag != f"{{{DATA_NS}}}govreport" or root.getroottree().docinfo.doctype or root.get("format") != FORMAT:
        return None
    try:
        doc = json.loads((root.text or "")[:MAX_DATA_CHARS])
    except (json.JSONDecodeError, RecursionError):
        return None
    return doc if isinstance(doc, dict) else None
