"""Tagged PDF (PDF/UA-1) from reportlab: marked content while drawing, the structure tree on save.

reportlab (open source) writes no structure tree, so we make one in the same single layout
pass, with reportlab's own pdfdoc objects (no post-pass, no second PDF library):

- The renderer builds the logical tree up front from the document model (`StructNode`s:
  Document > H1/H2/H3, P, L > LI > Lbl + LBody, Table > TR > TH/TD, TOC > TOCI > Link).
- Each flowable that draws content brackets it with `/Role <</MCID n>> BDC ... EMC`
  (`Tagger.begin`/`end`); the MCID is appended to its node's kids together with the page.
  A paragraph split across pages is one node whose two parts each add their own MCID, so it
  has content on both pages.
- Footers, the table of contents' dot leaders and page numbers are `/Artifact`.
- On save, `Tagger.write` turns the nodes into StructElem dictionaries, the per-page
  ParentTree (MCID -> element) and the link annotations' /StructParent (OBJR), and sets
  /MarkInfo, /StructTreeRoot, /ViewerPreferences /DisplayDocTitle, the XMP metadata
  (dc:title, pdfuaid:part 1) and each page's /StructParents and /Tabs /S.

Like pdf.py it imports reportlab; it knows nothing of meetings or variants.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from html import escape
from typing import Any

from referat_desktop.export.pdf_startup import slow_patterns_compiled_on_first_use

with slow_patterns_compiled_on_first_use():
    from reportlab.pdfbase import pdfdoc
    from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFName
    from reportlab.platypus import ListFlowable
    from reportlab.platypus import Paragraph as PdfParagraph
    from reportlab.platypus.flowables import LIIndenter

PRODUCER = "Referat Desktop"


@dataclass(eq=False)
class StructNode:
    """One element of the logical structure; `kids` in reading order."""

    role: str
    parent: StructNode | None = None
    kids: list[StructNode | MarkedContent | LinkAnnotationRef] = field(default_factory=list)
    scope: str = ""  # "Row" for a row header (TH)

    def child(self, role: str, scope: str = "") -> StructNode:
        node = StructNode(role, self, scope=scope)
        self.kids.append(node)
        return node



@dataclass(frozen=True)
class MarkedContent:
    page: int  # 1-based
    mcid: int


@dataclass(frozen=True)
class LinkAnnotationRef:
    page: int
    annotation: str  # its name in reportlab's document


class TaggedLinkAnnotation(pdfdoc.LinkAnnotation):  # type: ignore[misc]  # reportlab is untyped
    """reportlab's link annotation, allowed the /StructParent that ties it to its Link element."""

    permitted = (*pdfdoc.LinkAnnotation.permitted, "StructParent")


class Tagger:
    """Marked content and the structure tree of one PDF (one per layout pass)."""

    def __init__(self, title: str, language: str, author: str = "") -> None:
        self.title, self.language, self.author = title, language, author
        self.document = StructNode("Document")
        self._page_nodes: dict[int, list[StructNode]] = {}  # page -> node per MCID
        self._links: list[tuple[StructNode, Any]] = []
        self._annotation_count = 0

    # --- while drawing ------------------------------------------------------------------

    def begin(self, canvas: Any, node: StructNode) -> None:
        """Open marked content for `node` on the canvas's current page."""
        page = canvas.getPageNumber()
        nodes = self._page_nodes.setdefault(page, [])
        mcid = len(nodes)
        nodes.append(node)
        node.kids.append(MarkedContent(page, mcid))
        canvas.addLiteral(f"/{node.role} <</MCID {mcid}>> BDC")

    @staticmethod
    def end(canvas: Any) -> None:
        canvas.addLiteral("EMC")

    @staticmethod
    def begin_artifact(canvas: Any, kind: str = "") -> None:
        """Content that is not part of the text: a footer (`kind` "Footer"), dot leaders."""
        if kind:
            canvas.addLiteral(f"/Artifact <</Type /Pagination /Subtype /{kind}>> BDC")
        else:
            canvas.addLiteral("/Artifact BMC")

    def link(self, canvas: Any, node: StructNode, rect: tuple[float, float, float, float],
             destination: str, description: str) -> None:
        """A link annotation over `rect` (current user space) to the bookmark `destination`,
        described by `description`, and an OBJR to it in `node` (a Link element)."""
        self._annotation_count += 1
        keywords: dict[str, Any] = {
            "Rect": canvas._absRect(rect, 1),
            "Contents": description,
            "Destination": canvas._bookmarkReference(destination),
            "Border": "[0 0 0]",
            "F": 4,  # printed, like the text under it
        }
        annotation = TaggedLinkAnnotation(**keywords)
        name = f"Link{self._annotation_count}"
        canvas._addAnnotation(annotation, name)
        node.kids.append(LinkAnnotationRef(canvas.getPageNumber(), name))
        self._links.append((node, annotation))

    # --- on save --------------------------------------------------------------------------

    def write(self, canvas: Any) -> None:
        """Add the structure tree and the PDF/UA catalog entries to the canvas's document.

        The tree has an object per element (thousands in a long meeting), so each is written
        as finished PDF text (`RawObject`) rather than as reportlab dictionaries, whose
        generic formatting cost as much as the rest of the file."""
        doc = canvas._doc
        pages = doc.Pages.pages
        numbers = doc.idToObjectNumberAndVersion

        def number(obj: Any) -> int:
            return int(numbers[doc.Reference(obj).name][0])

        page_numbers = [number(page) for page in pages]
        tree_root = RawObject()
        elements: list[tuple[StructNode, RawObject]] = []
        element_numbers: dict[int, int] = {}

        def register(node: StructNode) -> None:
            element = RawObject()
            element_numbers[id(node)] = number(element)
            elements.append((node, element))
            for kid in node.kids:
                if isinstance(kid, StructNode) and id(kid) in with_content:
                    register(kid)

        # An element that drew nothing (an empty list item's body, say) is left out.
        with_content = _with_content(self.document)
        register(self.document)
        tree_root_number = number(tree_root)
        for node, element in elements:
            parent = element_numbers[id(node.parent)] if node.parent is not None else tree_root_number
            element.data = _element_text(doc, node, parent, element_numbers, page_numbers)

        nums = []
        for index, page in enumerate(pages):
            marked = self._page_nodes.get(index + 1, [])
            nums.append(f"{index} [{' '.join(f'{element_numbers[id(node)]} 0 R' for node in marked)}]")
            page.StructParents = index
            extra = ["StructParents"]
            if page.Annots:
                page.Tabs = PDFName("S")
                extra.append("Tabs")
            page.__NoDefault__ = [*pdfdoc.PDFPage.__NoDefault__, *extra]
        for offset, (node, annotation) in enumerate(self._links):
            key = len(pages) + offset
            annotation.otherkw["StructParent"] = key
            nums.append(f"{key} {element_numbers[id(node)]} 0 R")
        parent_tree = RawObject("<< /Nums [" + "\n".join(nums) + "] >>")
        tree_root.data = (f"<< /Type /StructTreeRoot /K {element_numbers[id(self.document)]} 0 R"
                          f" /ParentTree {number(parent_tree)} 0 R"
                          f" /ParentTreeNextKey {len(pages) + len(self._links)} >>")
        catalog = doc.Catalog
        catalog.StructTreeRoot = tree_root
        catalog.MarkInfo = PDFDictionary({"Marked": "true"})
        catalog.ViewerPreferences = PDFDictionary({"DisplayDocTitle": "true"})
        catalog.Metadata = pdfdoc.PDFStream(
            PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}),
            xmp_packet(self.title, self.language, self.author).encode("utf-8"), filters=[])


def _with_content(root: StructNode) -> set[int]:
    """The ids of the nodes under `root` (itself included) that have marked content or an
    annotation somewhere below them; one walk, children before parents."""
    found: set[int] = set()

    def visit(node: StructNode) -> bool:
        has = False
        for kid in node.kids:
            if not isinstance(kid, StructNode):
                has = True
            elif visit(kid):
                has = True
        if has:
            found.add(id(node))
        return has

    visit(root)
    return found


class RawObject(pdfdoc.PDFObject):  # type: ignore[misc]  # reportlab is untyped
    """An indirect object whose PDF text we write ourselves (ASCII: names and numbers only)."""

    def __init__(self, data: str = "") -> None:
        self.data = data

    def format(self, document: Any) -> bytes:
        return self.data.encode("ascii")


def _element_text(doc: Any, node: StructNode, parent: int, element_numbers: dict[int, int],
                  page_numbers: list[int]) -> str:
    """A StructElem dictionary: role, parent, page of its own content, kids, attributes."""
    own_page = next((kid.page for kid in node.kids if isinstance(kid, MarkedContent)), None)
    kids: list[str] = []
    for kid in node.kids:
        if isinstance(kid, StructNode):
            if id(kid) in element_numbers:
                kids.append(f"{element_numbers[id(kid)]} 0 R")
        elif isinstance(kid, MarkedContent):
            kids.append(str(kid.mcid) if kid.page == own_page else
                        f"<< /Type /MCR /Pg {page_numbers[kid.page - 1]} 0 R /MCID {kid.mcid} >>")
        else:
            annotation = doc.idToObjectNumberAndVersion[doc.annotationName(kid.annotation)][0]
            kids.append(f"<< /Type /OBJR /Pg {page_numbers[kid.page - 1]} 0 R /Obj {annotation} 0 R >>")
    text = f"<< /Type /StructElem /S /{node.role} /P {parent} 0 R"
    if own_page is not None:
        text += f" /Pg {page_numbers[own_page - 1]} 0 R"
    text += f" /K {kids[0]}" if len(kids) == 1 else f" /K [{' '.join(kids)}]"
    if node.scope:
        text += f" /A << /O /Table /Scope /{node.scope} >>"
    return text + " >>"


def xmp_packet(title: str, language: str, author: str) -> str:
    """The XMP metadata PDF/UA asks for: the title (as in the Info dictionary) and
    `pdfuaid:part 1`; also the language, author, producer and the dates."""
    now = datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")
    creator = (f"<dc:creator><rdf:Seq><rdf:li>{escape(author)}</rdf:li></rdf:Seq></dc:creator>"
               if author else "")
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"'
        ' xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">\n'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li></rdf:Alt></dc:title>\n'
        f"<dc:language><rdf:Bag><rdf:li>{escape(language)}</rdf:li></rdf:Bag></dc:language>\n"
        f"{creator}"
        "<dc:format>application/pdf</dc:format>\n"
        f"<pdf:Producer>{PRODUCER}</pdf:Producer>\n"
        f"<xmp:CreatorTool>{PRODUCER}</xmp:CreatorTool>\n"
        f"<xmp:CreateDate>{now}</xmp:CreateDate>\n"
        "<pdfuaid:part>1</pdfuaid:part>\n"
        "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )



# --- flowables that tag what they draw ------------------------------------------------------

class TaggedParagraph(PdfParagraph):  # type: ignore[misc]  # reportlab is untyped
    """A Paragraph drawn as marked content of its node; its split parts keep the node, so a
    paragraph broken across pages is one element with content on both pages."""

    struct: StructNode | None = None
    tagger: Tagger | None = None
    _wrapped_width: float | None = None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        # The lines depend on the width alone, and the layout asks again and again for the
        # same width (a heading's keep-with-next room, a list measuring, then drawing its
        # items, a table sizing its rows): break the lines once per width. (A refused split
        # drops the lines, so they are broken again then.)
        if available_width == self._wrapped_width and "blPara" in self.__dict__:
            return self.width, self.height
        size: tuple[float, float] = super().wrap(available_width, available_height)
        self._wrapped_width = available_width if size[1] != 0x7FFFFFFF else None
        return size

    def split(self, available_width: float, available_height: float) -> list[Any]:
        parts: list[Any] = super().split(available_width, available_height)
        for part in parts:
            part.struct, part.tagger = self.struct, self.tagger
        return parts

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        if getattr(canvas, "layout_only", False):  # a pass for the page breaks alone
            return
        if self.tagger is None or self.struct is None:
            super().drawOn(canvas, x, y, _sW)
            return
        self.tagger.begin(canvas, self.struct)
        super().drawOn(canvas, x, y, _sW)
        self.tagger.end(canvas)


def tagged_paragraph(text: str, style: Any, tagger: Tagger, struct: StructNode,
                     frags: list[Any] | None = None) -> TaggedParagraph:
    paragraph = TaggedParagraph(text, style, frags=frags)
    paragraph.struct, paragraph.tagger = struct, tagger
    return paragraph


class TaggedBullet:
    """A list item's bullet or number (reportlab's BulletDrawer), drawn as its Lbl element."""

    def __init__(self, drawer: Any, tagger: Tagger, label: StructNode) -> None:
        self._drawer, self._tagger, self._label = drawer, tagger, label

    def __getattr__(self, name: str) -> Any:  # ListFlowable reads the drawer's value and type
        return getattr(self._drawer, name)

    def drawOn(self, indenter: Any, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        if getattr(canvas, "layout_only", False):  # a pass for the page breaks alone
            return
        self._tagger.begin(canvas, self._label)
        self._drawer.drawOn(indenter, canvas, x, y, _sW)
        self._tagger.end(canvas)


class TaggedListFlowable(ListFlowable):  # type: ignore[misc]  # reportlab is untyped
    """A ListFlowable whose bullets are Lbl elements. `labels` holds each item's Lbl node,
    keyed by the id of the item's first flowable (ListFlowable flattens its items into
    one LIIndenter per flowable, the first of an item carrying the bullet)."""

    def __init__(self, items: list[Any], tagger: Tagger, labels: dict[int, StructNode],
                 **options: Any) -> None:
        self._tagger, self._labels = tagger, labels
        super().__init__(items, **options)

    def _getContent(self) -> list[Any]:  # noqa: N802  # reportlab's name
        content: list[Any] = super()._getContent()
        for entry in content:
            label = self._labels.get(id(entry._flowable)) if isinstance(entry, LIIndenter) else None
            if label is not None and entry._bullet is not None:
                entry._bullet = TaggedBullet(entry._bullet, self._tagger, label)
        return content
