"""What `docx.py` needs beneath the level of the document: raw OOXML pieces python-docx
has no API for (fields, bookmarks, internal links, per-list numbering, explicit fonts and
languages), and the set-up that turns python-docx's default template into ours (page,
styles, lists, footer, properties), all from `style.py`.

Only this module and `docx.py` import python-docx, so `docx.py` stays about the
document's nodes, not the markup.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Iterable
from dataclasses import dataclass

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.coreprops import CoreProperties
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from lxml.etree import SubElement
from docx.section import Section
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.styles.styles import Styles
from docx.table import Table

from referat_desktop.export import style

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
_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


def _sub(parent: BaseOxmlElement, tag: str, **attributes: str) -> BaseOxmlElement:
    """A `w:` child element. lxml's SubElement keeps python-docx's element classes and is
    several times faster than OxmlElement + python-docx's ordered insertion, which
    matters at tens of thousands of elements in a 200-item meeting."""
    return SubElement(parent, _W + tag, {_W + name: value for name, value in attributes.items()})


def new_paragraph(before: BaseOxmlElement, style_id: str, *, page_break_before: bool = False,
                  num_id: int | None = None, space_before_twips: int | None = None) -> BaseOxmlElement:
    """A `w:p` inserted before `before` (the body's section properties), its `w:pPr`
    children written in the schema's order."""
    paragraph = before.makeelement(_W + "p", {})
    before.addprevious(paragraph)
    properties = _sub(paragraph, "pPr")
    _sub(properties, "pStyle", val=style_id)
    if page_break_before:
        _sub(properties, "pageBreakBefore")
    if num_id is not None:
        numbering = _sub(properties, "numPr")
        _sub(numbering, "ilvl", val="0")
        _sub(numbering, "numId", val=str(num_id))
    if space_before_twips is not None:
        _sub(properties, "spacing", before=str(space_before_twips))
    return paragraph


def set_space_after(paragraph: BaseOxmlElement, twips: int) -> None:
    """Direct space after on a paragraph made by `new_paragraph` (`w:spacing` is last)."""
    properties = paragraph.find(_W + "pPr")
    spacing = properties.find(_W + "spacing")
    if spacing is None:
        spacing = _sub(properties, "spacing")
    spacing.set(_W + "after", str(twips))


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


def style_num_id(style_element: BaseOxmlElement) -> int | None:
    """The `w:numId` a list style (List Bullet, List Number ...) points at."""
    num_id = style_element.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
    return None if num_id is None else int(num_id.get(qn("w:val")))


def abstract_num_of(numbering: BaseOxmlElement, num_id: int) -> BaseOxmlElement:
    """The `w:abstractNum` behind a `w:num`."""
    num = numbering.num_having_numId(num_id)
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    for abstract in numbering.findall(qn("w:abstractNum")):
        if abstract.get(qn("w:abstractNumId")) == abstract_id:
            return abstract
    raise LookupError(f"numbering definition {abstract_id} is missing")


def set_level_indent(abstract_num: BaseOxmlElement, left_twips: int, hanging_twips: int) -> None:
    """Move a list definition's level 0 to our indentation (number tab included)."""
    ppr = abstract_num.find(f"{qn('w:lvl')}/{qn('w:pPr')}")
    tab = ppr.find(f"{qn('w:tabs')}/{qn('w:tab')}")
    if tab is not None:
        tab.set(qn("w:pos"), str(left_twips))
    ind = ppr.find(qn("w:ind"))
    ind.set(qn("w:left"), str(left_twips))
    ind.set(qn("w:hanging"), str(hanging_twips))


def set_bullet_symbol(abstract_num: BaseOxmlElement, symbol: str, font: str) -> None:
    """Use a plain Unicode bullet in `font`, not the template's Symbol-font glyph,
    which machines without the Symbol font (LibreOffice on Linux) draw differently."""
    level = abstract_num.find(qn("w:lvl"))
    level.find(qn("w:lvlText")).set(qn("w:val"), symbol)
    rpr = level.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        level.append(rpr)
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is not None:
        rpr.remove(rfonts)
    set_fonts(rpr, font)


def restarting_num(numbering: BaseOxmlElement, abstract_num_id: str, start: int) -> int:
    """A new `w:num` on an existing list definition that starts at `start`.

    One per numbered list: lists that share a `w:num` continue each other's count
    (the second list would go on at 4, 5, 6).
    """
    num = numbering.add_num(int(abstract_num_id))
    num.add_lvlOverride(ilvl=0).add_startOverride(start)
    return num.numId


def zero_cell_margins(table: BaseOxmlElement) -> None:
    """No padding left and right in a table's cells, so its text lines up with the page's."""
    tbl_pr = table.tblPr
    margins = tbl_pr.find(qn("w:tblCellMar"))
    if margins is None:
        margins = OxmlElement("w:tblCellMar")
        tbl_pr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
    for side in ("w:left", "w:right"):
        margin = OxmlElement(side)
        margin.set(qn("w:w"), "0")
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)


# --- the template: python-docx's default document turned into ours ------------------

MAX_LIST_LEVEL = 3  # the template defines List Bullet/Number 1-3; deeper lists stay at 3
BULLET_SYMBOL = "\u2022"


@dataclass(frozen=True)
class StyleSpec:
    size: float
    before: float = 0.0
    after: float = style.PARAGRAPH_SPACE_AFTER
    bold: bool = False
    keep_with_next: bool = False


def level_style(base: str, level: int) -> str:
    """`List Bullet`, `List Bullet 2`, `List Bullet 3` ..."""
    return base if level <= 1 else f"{base} {level}"


def paragraph_styles() -> dict[str, StyleSpec]:
    """Word style name -> its look, all from style.py and as pdf.py lays out the same node."""
    names = style.WORD_STYLES
    body = StyleSpec(style.BODY_SIZE)
    specs = {
        names["body"]: body,
        names["title"]: StyleSpec(style.TITLE_SIZE, bold=True),
        names["heading1"]: StyleSpec(style.HEADING1_SIZE, after=style.HEADING1_SPACE_AFTER, bold=True,
                                     keep_with_next=True),
        names["heading2"]: StyleSpec(style.HEADING2_SIZE, style.HEADING2_SPACE_BEFORE, style.HEADING2_SPACE_AFTER,
                                     bold=True, keep_with_next=True),
        names["heading3"]: StyleSpec(style.HEADING3_SIZE, style.HEADING3_SPACE_BEFORE, style.HEADING3_SPACE_AFTER,
                                     bold=True, keep_with_next=True),
        names["toc_heading"]: StyleSpec(style.HEADING1_SIZE, after=style.HEADING1_SPACE_AFTER, bold=True,
                                        keep_with_next=True),
        names["toc1"]: body,
        names["footer"]: StyleSpec(style.FOOTER_SIZE, after=0.0),
    }
    # Every list paragraph is spaced like body text, as each list item is in the PDF.
    for key in ("bullet", "number", "list_continue"):
        for level in range(1, MAX_LIST_LEVEL + 1):
            specs[level_style(names[key], level)] = body
    return specs


def drop_template_leftovers(document: DocxDocument) -> None:
    """Parts of python-docx's template that would undo or misrepresent ours: the
    thumbnail (a picture of python-docx's own sample page, shown by file managers) and
    stylesWithEffects.xml (which Word 2010 reads instead of styles.xml, in Calibri)."""
    unwanted = (RT.THUMBNAIL, _STYLES_WITH_EFFECTS)
    for rels in (document.part.package.rels, document.part.rels):
        for rel_id in [r.rId for r in rels.values() if r.reltype in unwanted]:
            del rels[rel_id]


def text_width_mm() -> float:
    return style.PAGE_WIDTH_MM - style.MARGIN_LEFT_MM - style.MARGIN_RIGHT_MM


def setup_page(section: Section) -> None:
    section.page_width = Mm(style.PAGE_WIDTH_MM)
    section.page_height = Mm(style.PAGE_HEIGHT_MM)
    section.top_margin = Mm(style.MARGIN_TOP_MM)
    section.bottom_margin = Mm(style.MARGIN_BOTTOM_MM)
    section.left_margin = Mm(style.MARGIN_LEFT_MM)
    section.right_margin = Mm(style.MARGIN_RIGHT_MM)
    section.footer_distance = Mm(style.FOOTER_DISTANCE_MM)


def setup_styles(styles: Styles, specs: dict[str, StyleSpec]) -> dict[str, str]:
    """Arial, Danish and our sizes on the defaults and every style we use; their ids."""
    defaults = styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    set_fonts(defaults, style.WORD_FONT)
    set_language(defaults, style.LANGUAGE)
    for rfonts in list(styles.element.iter(qn("w:rFonts"))):  # table styles' parts too
        set_fonts(rfonts.getparent(), style.WORD_FONT)
    if style.WORD_STYLES["toc1"] not in styles:
        toc1 = styles.add_style(style.WORD_STYLES["toc1"], WD_STYLE_TYPE.PARAGRAPH)
        toc1.base_style = styles[style.WORD_STYLES["body"]]
    for name, spec in specs.items():
        _format_style(styles[name], spec)
    toc1 = styles[style.WORD_STYLES["toc1"]]
    # As in the PDF: the title wraps short of a column kept free for the page number,
    # which sits at a right tab on the margin (Word and LibreOffice allow a tab stop
    # beyond the right indent).
    toc1.paragraph_format.right_indent = Mm(style.TOC_NUMBER_WIDTH_MM)
    add_right_tab(toc1.element.get_or_add_pPr(), Mm(text_width_mm()).twips)
    remove_children(styles[style.WORD_STYLES["footer"]].element.get_or_add_pPr(), ("w:tabs",))  # US Letter's
    for level in range(1, MAX_LIST_LEVEL + 1):
        continued = styles[level_style(style.WORD_STYLES["list_continue"], level)]
        continued.paragraph_format.left_indent = Mm(level * style.LIST_INDENT_MM)
    return {name: styles[name].style_id for name in specs}


def _format_style(paragraph_style: ParagraphStyle, spec: StyleSpec) -> None:
    element = paragraph_style.element
    # The template's styles are blue, ruled and in theme fonts; ours are plain black Arial.
    remove_children(element.get_or_add_pPr(), ("w:pBdr", "w:contextualSpacing"))
    rpr = element.get_or_add_rPr()
    remove_children(rpr, ("w:color", "w:spacing", "w:kern"))
    set_fonts(rpr, style.WORD_FONT)
    set_language(rpr, style.LANGUAGE)
    paragraph_style.font.size = Pt(spec.size)
    paragraph_style.font.bold = spec.bold
    layout = paragraph_style.paragraph_format
    layout.space_before = Pt(spec.before)
    layout.space_after = Pt(spec.after)
    # Exact points: Word's "auto" line height depends on the font's own line gap,
    # reportlab's leading does not.
    layout.line_spacing = Pt(spec.size * style.LINE_HEIGHT)
    layout.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    # Word's widow control (no lone first or last line); pdf.py forbids both as well.
    layout.widow_control = True
    layout.keep_with_next = spec.keep_with_next


def setup_lists(styles: Styles, numbering: BaseOxmlElement) -> dict[str, str]:
    """Our indentation per level and a plain bullet that every machine draws alike;
    returns each list style's `w:abstractNumId` (the definition new lists point at)."""
    definitions: dict[str, str] = {}
    indent = Mm(style.LIST_INDENT_MM).twips
    for kind in ("bullet", "number"):
        for level in range(1, MAX_LIST_LEVEL + 1):
            list_style = level_style(style.WORD_STYLES[kind], level)
            num_id = style_num_id(styles[list_style].element)
            if num_id is None:
                raise LookupError(f"the list style {list_style!r} has no numbering")
            abstract = abstract_num_of(numbering, num_id)
            definitions[list_style] = abstract.get(qn("w:abstractNumId"))
            set_level_indent(abstract, level * indent, indent)
            if kind == "bullet":
                set_bullet_symbol(abstract, BULLET_SYMBOL, style.WORD_FONT)
    return definitions


def setup_footer(section: Section, footer_style_id: str) -> None:
    """`Side X af Y`: the words of style.FOOTER_TEXT around PAGE and NUMPAGES fields,
    at the right margin as in the PDF."""
    paragraph = section.footer.paragraphs[0]
    paragraph._p.style = footer_style_id
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    fields = {"page": "PAGE", "pages": "NUMPAGES"}
    for literal, name, _, _ in string.Formatter().parse(style.FOOTER_TEXT):
        if literal:
            paragraph.add_run(literal)
        if name:
            append_field(paragraph._p, fields[name], "1")


def set_properties(properties: CoreProperties, title: str, author: str, subject: str, language: str) -> None:
    properties.title = xml_safe(title)
    properties.author = xml_safe(author)
    properties.last_modified_by = xml_safe(author)
    properties.subject = xml_safe(subject)
    properties.language = language
    properties.comments = ""  # python-docx's template says "generated by python-docx"
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    properties.created = properties.modified = now
    properties.revision = 1


def fixed_table_layout(table: Table, widths: tuple[Mm, Mm]) -> None:
    """Fixed column widths (Word and LibreOffice otherwise autofit differently) and
    no cell padding left and right, as in the PDF."""
    table.autofit = False
    zero_cell_margins(table._tbl)
    for column, width in zip(table.columns, widths):
        column.width = width
