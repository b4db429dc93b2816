"""What `docx.py` needs beneath the level of the document: raw OOXML pieces python-docx
has no API for (fields, bookmarks, internal links, multi-level lists, table descriptions,
explicit fonts and languages). The set-up of the template itself is `docx_template.py`.

Only the docx*.py modules import python-docx, so `docx.py` stays about the document's
nodes, not the markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import cast

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from lxml.etree import SubElement

# XML 1.0 can hold tab, newline, carriage return and everything from U+0020 except the
# surrogates and U+FFFE/U+FFFF; python-docx raises on anything else. Vertical tab and
# form feed are what Word pastes for line breaks, so they become line breaks, as does a
# carriage return (alone or before a newline).
_LINE_BREAK_CONTROLS = re.compile("\r\n|[\r\x0b\x0c]")
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_THEME_FONT_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_FONT_SLOTS = ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia")


def xml_safe(text: str) -> str:
    """`text` with what XML 1.0 cannot hold dropped (line-break controls become "\\n")."""
    return _NOT_XML.sub("", _LINE_BREAK_CONTROLS.sub("\n", text))


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_RUN_PIECES = re.compile("([\t\n])")


def _sub(parent: BaseOxmlElement, tag: str, **attributes: str) -> BaseOxmlElement:
    """A `w:` child element. lxml's SubElement keeps python-docx's element classes and is
    several times faster than OxmlElement + python-docx's ordered insertion, which
    matters at tens of thousands of elements in a 200-item meeting."""
    element = SubElement(parent, _W + tag, {_W + name: value for name, value in attributes.items()})
    return cast(BaseOxmlElement, element)


def new_paragraph(before: BaseOxmlElement, style_id: str, *, page_break_before: bool = False,
                  num_id: int | None = None, list_level: int = 0,
                  space_before_twips: int | None = None) -> BaseOxmlElement:
    """A `w:p` inserted before `before` (the body's section properties), its `w:pPr`
    children written in the schema's order; `num_id`/`list_level`: its list and depth."""
    paragraph = cast(BaseOxmlElement, before.makeelement(_W + "p", {}))
    before.addprevious(paragraph)
    properties = _sub(paragraph, "pPr")
    _sub(properties, "pStyle", val=style_id)
    if page_break_before:
        _sub(properties, "pageBreakBefore")
    if num_id is not None:
        numbering = _sub(properties, "numPr")
        _sub(numbering, "ilvl", val=str(list_level))
        _sub(numbering, "numId", val=str(num_id))
    if space_before_twips is not None:
        _sub(properties, "spacing", before=str(space_before_twips))
    return paragraph


def append_run(paragraph: BaseOxmlElement, text: str, *, bold: bool = False, italic: bool = False) -> None:
    """A `w:r` with `text`: a newline becomes a line break (`w:br`), a tab a `w:tab`."""
    run = _sub(paragraph, "r")
    if bold or italic:
        properties = _sub(run, "rPr")
        if bold:
            _sub(properties, "b")
        if italic:
            _sub(properties, "i")
    for piece in _RUN_PIECES.split(text):
        if piece == "\n":
            _sub(run, "br")
        elif piece == "\t":
            _sub(run, "tab")
        elif piece:
            _sub(run, "t").text = piece
            run[-1].set(_XML_SPACE, "preserve")


def set_fonts(rpr: BaseOxmlElement, font: str) -> None:
    """Name `font` for every script slot of a `w:rPr`, dropping theme fonts.

    Theme attributes win over explicit names in Word, and python-docx's `font.name`
    sets only two of the four slots, so a style would otherwise stay in Calibri/Cambria.
    """
    rfonts = rpr.get_or_add_rFonts()  # in its place in the schema's order
    for attribute in _THEME_FONT_ATTRIBUTES:
        rfonts.attrib.pop(qn(attribute), None)
    for slot in _FONT_SLOTS:
        rfonts.set(qn(slot), font)


def set_language(rpr: BaseOxmlElement, language: str) -> None:
    """Mark a `w:rPr` as written in `language`, so Word spell-checks in it."""
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        # Word rejects run properties out of the schema's order; these are the only ones after it.
        rpr.insert_element_before(lang, "w:eastAsianLayout", "w:specVanish", "w:oMath")
    # Only our language: the template's defaults named en-US for East Asian text and
    # ar-SA for right-to-left text, which no meeting of ours is written in.
    lang.attrib.clear()
    lang.set(qn("w:val"), language)


def remove_children(element: BaseOxmlElement, tags: Iterable[str]) -> None:
    """Drop the named children (e.g. a template style's colour or border) if present."""
    for tag in tags:
        for child in element.findall(qn(tag)):
            element.remove(child)


def make_run(text: str = "", *, tab: bool = False, no_proof: bool = False) -> BaseOxmlElement:
    """A bare `w:r` holding `text` (or a tab); for runs inside links and fields."""
    run = OxmlElement("w:r")
    if no_proof:
        _sub(_sub(run, "rPr"), "noProof")
    if tab:
        _sub(run, "tab")
    if text:
        _sub(run, "t").text = text
        run[-1].set(_XML_SPACE, "preserve")
    return run


def field_char(kind: str) -> BaseOxmlElement:
    """A run holding a complex field's `begin`, `separate` or `end` mark."""
    run = OxmlElement("w:r")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run.append(char)
    return run


def instruction(text: str) -> BaseOxmlElement:
    run = OxmlElement("w:r")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {text} "
    run.append(instr)
    return run


def append_field(parent: BaseOxmlElement, code: str, result: str) -> None:
    """Append a complex field (`PAGE`, `NUMPAGES`, `PAGEREF ...`) with a stored result.

    The stored result is what Word and LibreOffice show until the field is updated.
    """
    parent.append(field_char("begin"))
    parent.append(instruction(code))
    parent.append(field_char("separate"))
    parent.append(make_run(result, no_proof=True))
    parent.append(field_char("end"))


def append_tc_field(paragraph: BaseOxmlElement, entry: str) -> None:
    """A TC field: a table-of-contents entry with `entry` as its text, on this
    paragraph's page. It shows nothing; a `TOC \\f` field lists it when updated.

    No `\\l` level switch: level 1 is the default in Word and LibreOffice, and
    LibreOffice 7.4 reads `\\l 1` as level 2 (its TOC then indents the line).
    """
    quoted = entry.replace("\\", "\\\\").replace('"', '\\"')  # the field syntax's escapes
    paragraph.append(field_char("begin"))
    paragraph.append(instruction(f'TC "{quoted}"'))
    paragraph.append(field_char("end"))


def internal_hyperlink(anchor: str) -> BaseOxmlElement:
    """An empty `w:hyperlink` to a bookmark in this document; append runs to it."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), anchor)
    link.set(qn("w:history"), "1")
    return link


def wrap_in_bookmark(paragraph: BaseOxmlElement, name: str, bookmark_id: int) -> None:
    """Put a bookmark around the content of a `w:p` (its runs, after `w:pPr`)."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(bookmark_id))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(bookmark_id))
    ppr = paragraph.find(qn("w:pPr"))
    paragraph.insert(0 if ppr is None else 1, start)
    paragraph.append(end)


def add_right_tab(ppr: BaseOxmlElement, position_twips: int, leader: str = "dot") -> None:
    """A right-aligned tab stop with a leader: the dots between a TOC title and its page."""
    tabs = ppr.get_or_add_tabs()  # in its place in the schema's order
    tab = OxmlElement("w:tab")
    tab.set(qn("w:val"), "right")
    tab.set(qn("w:leader"), leader)
    tab.set(qn("w:pos"), str(position_twips))
    tabs.append(tab)


def multilevel_list(numbering: BaseOxmlElement, abstract_id: int, nsid: str, texts: list[str],
                    indent_twips: int, font: str, *, bullet: bool) -> None:
    """A `w:abstractNum` with one level per entry of `texts` (the bullet, or `%1.`,
    `%2.` ...): level n is indented (n+1) indents, the mark hanging one indent.

    One definition whose levels carry the nesting (`w:ilvl`) is what Word's own lists
    are, and what pandoc and mammoth read a nested list from."""
    attributes = {_W + "abstractNumId": str(abstract_id)}
    abstract = cast(BaseOxmlElement, numbering.makeelement(_W + "abstractNum", attributes))
    first_num = numbering.find(qn("w:num"))
    if first_num is None:  # the schema puts every abstractNum before the nums
        numbering.append(abstract)
    else:
        first_num.addprevious(abstract)
    _sub(abstract, "nsid", val=nsid)  # Word tells lists apart (when pasting) by this
    _sub(abstract, "multiLevelType", val="hybridMultilevel" if bullet else "multilevel")
    for level, text in enumerate(texts):
        left = str((level + 1) * indent_twips)
        lvl = _sub(abstract, "lvl", ilvl=str(level))
        _sub(lvl, "start", val="1")
        _sub(lvl, "numFmt", val="bullet" if bullet else "decimal")
        _sub(lvl, "lvlText", val=text)
        _sub(lvl, "lvlJc", val="left")
        ppr = _sub(lvl, "pPr")
        _sub(_sub(ppr, "tabs"), "tab", val="num", pos=left)
        _sub(ppr, "ind", left=left, hanging=str(indent_twips))
        if bullet:  # a plain bullet in our font, not the Symbol font's glyph
            rfonts = _sub(_sub(lvl, "rPr"), "rFonts")
            for slot in _FONT_SLOTS:
                rfonts.set(qn(slot), font)


def drop_numbering(numbering: BaseOxmlElement) -> None:
    """Remove every list definition and list of a numbering part (the template's)."""
    remove_children(numbering, ("w:abstractNum", "w:num"))


def link_style_to_list(style_element: BaseOxmlElement, num_id: int, level: int) -> None:
    """Point a list style (List Bullet 2 ...) at a level of a multi-level list."""
    num_pr = style_element.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id


def restarting_num(numbering: BaseOxmlElement, abstract_num_id: int, start: int, level: int) -> int:
    """A new `w:num` on a list definition whose `level` starts at `start`.

    One per numbered list: lists that share a `w:num` continue each other's count
    (the second list would go on at 4, 5, 6).
    """
    num = numbering.add_num(abstract_num_id)
    num.add_lvlOverride(ilvl=level).add_startOverride(start)
    return int(num.numId)


def zero_cell_margins(table: BaseOxmlElement) -> None:
    """No padding left and right in a table's cells, so its text lines up with the page's."""
    tbl_pr = table.tblPr
    margins = tbl_pr.find(qn("w:tblCellMar"))
    if margins is None:
        margins = OxmlElement("w:tblCellMar")
        tbl_pr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription",
                                     "w:tblPrChange")
    for side in ("w:left", "w:right"):
        margin = OxmlElement(side)
        margin.set(qn("w:w"), "0")
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)


def set_child(parent: BaseOxmlElement, tag: str, successors: Iterable[str]) -> BaseOxmlElement:
    """`parent`'s `tag` child; when missing, a new one placed before the first of
    `successors` present (the elements the schema lets follow it), as Word requires."""
    child = parent.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        parent.insert_element_before(child, *successors)
    return cast(BaseOxmlElement, child)


# tblLook's bits (ECMA-376 17.7.6): first column, no row or column banding. Not the
# first row: the facts table has no header row.
_LOOK_FIRST_COLUMN_ONLY = {"firstRow": "0", "lastRow": "0", "firstColumn": "1", "lastColumn": "0",
                           "noHBand": "1", "noVBand": "1", "val": "0680"}


def describe_table(table: BaseOxmlElement, caption: str, description: str) -> None:
    """A table's caption and description (Word's "Alternativ tekst": title and
    description), and its first column marked as the one that names each row.

    OOXML has no row-header cells: `w:tblHeader` marks rows to repeat as column headers
    on each page, and `tblLook`'s first column is the only mark Word keeps for a column
    of row headers (its table style option "Første kolonne")."""
    properties = table.tblPr
    look = properties.find(qn("w:tblLook"))
    if look is None:
        look = OxmlElement("w:tblLook")
        properties.insert_element_before(look, "w:tblCaption", "w:tblDescription", "w:tblPrChange")
    look.attrib.clear()
    for name, value in _LOOK_FIRST_COLUMN_ONLY.items():
        look.set(qn(f"w:{name}"), value)
    remove_children(properties, ("w:tblCaption", "w:tblDescription"))
    for tag, text in (("w:tblCaption", caption), ("w:tblDescription", description)):
        element = OxmlElement(tag)
        element.set(qn("w:val"), xml_safe(text))
        properties.insert_element_before(element, "w:tblPrChange")
