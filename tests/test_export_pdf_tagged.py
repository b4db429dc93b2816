"""The tagged PDF (PDF/UA-1): checked by pdfua and read back with pikepdf and pypdf (no Qt).

Every variant of both samples and of a meeting with nested lists, an extra section, a
closed item and a paragraph longer than a page.
"""

from __future__ import annotations

import copy
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pikepdf
import pypdf
import pytest

from referat_desktop.domain import interchange
from referat_desktop.domain.model import Meeting, Section, SectionKind
from referat_desktop.domain.texts import Variant
from referat_desktop.export.build import build_document
from referat_desktop.export.pdf import render_pdf
from referat_desktop.resources_path import resource

SAMPLES = resource("samples")
NESTED = ("Indledning:\n\n- første punkt\n  - under et\n    - under under\n  - under to\n- andet punkt\n\n"
          "1. et\n   - a\n     1. i\n     2. ii\n2. to\n\nAfslutning.")
LONG = " ".join(f"Sætning nummer {n} om budgettet for det kommende år." for n in range(900))


def sample(name: str) -> Meeting:
    return interchange.loads((SAMPLES / f"{name}.json").read_text(encoding="utf-8"))[0]


def rich_meeting() -> Meeting:
    """Nested lists, an extra section, a closed item, and a paragraph over two pages."""
    meeting = sample("oekonomiudvalget-2026-11-24")
    first = meeting.items[0]
    first.sections.append(Section(SectionKind.EXTRA, NESTED, heading="Økonomi og lister"))
    first.sections.append(Section(SectionKind.EXTRA, LONG, heading="Lang tekst"))
    closed = copy.deepcopy(meeting.items[1])
    closed.title, closed.closed = "Personalesag", True
    meeting.items.append(closed)
    return meeting


MEETINGS = {"direktionen": lambda: sample("direktionen-2019-12-16"),
            "oekonomiudvalget": lambda: sample("oekonomiudvalget-2026-11-24"), "rich": rich_meeting}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, Variant], tuple[Meeting, Path]]:
    folder = tmp_path_factory.mktemp("tagged")
    result = {}
    for name, make in MEETINGS.items():
        meeting = make()
        for variant in Variant:
            path = folder / f"{name}-{variant.value}.pdf"
            with open(path, "wb") as out:
                render_pdf(build_document(meeting, variant), out)
            result[(name, variant)] = (meeting, path)
    return result


CASES = [(name, variant) for name in MEETINGS for variant in Variant]
IDS = [f"{name}-{variant.value}" for name, variant in CASES]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_pdfua_checker_reports_nothing(pdfs, case):
    _meeting, path = pdfs[case]
    done = subprocess.run([sys.executable, "-m", "pdfua", "check", "--format", "text", str(path)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "errors=0 warnings=0 info=0" in done.stdout


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_poppler_sees_a_tagged_pdf(pdfs, case):
    info = subprocess.run(["pdfinfo", str(pdfs[case][1])], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.MULTILINE)


# --- reading the structure back ---------------------------------------------------------------

def walk(element: Any, depth: int = 0):
    """(role, element, depth) of every structure element under `element`, parent first."""
    kids = element.get("/K")
    if kids is None:
        return
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") not in ("/MCR", "/OBJR"):
            yield str(kid.S), kid, depth
            yield from walk(kid, depth + 1)


def page_texts_by_mcid(path: Path) -> dict[tuple[int, int], str]:
    """(page index, MCID) -> the text drawn in that marked content, via pypdf's extraction."""
    reader = pypdf.PdfReader(path)
    texts: dict[tuple[int, int], str] = {}
    for index, page in enumerate(reader.pages):
        stack: list[int | None] = []

        def before(operator, operands, _cm, _tm, stack=stack):
            if operator == b"BDC":
                stack.append(operands[1].get("/MCID") if hasattr(operands[1], "get") else None)
            elif operator == b"BMC":
                stack.append(None)
            elif operator == b"EMC":
                stack.pop()

        def text(chunk, _cm, _tm, _font, _size, stack=stack, index=index):
            if stack and stack[-1] is not None:
                key = (index, int(stack[-1]))
                texts[key] = texts.get(key, "") + chunk

        page.extract_text(visitor_operand_before=before, visitor_text=text)
    return texts


def element_text(pdf: pikepdf.Pdf, element: Any, texts: dict[tuple[int, int], str]) -> str:
    """The text of an element's own marked content, on whatever pages it is."""
    pages = {page.objgen: n for n, page in enumerate(pdf.pages)}
    own_page = pages.get(element.Pg.objgen) if "/Pg" in element else None
    kids = element.K if isinstance(element.K, pikepdf.Array) else [element.K]
    parts = []
    for kid in kids:
        if isinstance(kid, int):
            parts.append(texts.get((own_page, kid), ""))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
            parts.append(texts.get((pages[kid.Pg.objgen], int(kid.MCID)), ""))
    return " ".join(" ".join(parts).split())


@pytest.fixture(scope="module")
def rich_minutes(pdfs):
    meeting, path = pdfs[("rich", Variant.MINUTES)]
    pdf = pikepdf.open(path)
    yield meeting, path, pdf
    pdf.close()


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_one_h1_per_item_in_order_with_its_title(pdfs, case):
    meeting, path = pdfs[case]
    with pikepdf.open(path) as pdf:
        root = pdf.Root.StructTreeRoot
        (document,) = [root.K] if isinstance(root.K, pikepdf.Dictionary) else list(root.K)
        assert document.S == "/Document"
        texts = page_texts_by_mcid(path)
        headings = [element_text(pdf, e, texts) for role, e, _ in walk(document) if role == "/H1"]
    assert headings[0] == "Indholdsfortegnelse"
    assert len(headings[1:]) == len(meeting.items)
    for number, (heading, item) in enumerate(zip(headings[1:], meeting.items, strict=True), 1):
        assert heading == f"Punkt {number}: {' '.join(item.title.split())}"


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_toc_has_one_toci_per_item_each_a_link_to_its_annotation(pdfs, case):
    meeting, path = pdfs[case]
    with pikepdf.open(path) as pdf:
        elements = list(walk(pdf.Root.StructTreeRoot))
        entries = [e for role, e, _ in elements if role == "/TOCI"]
        assert len(entries) == len(meeting.items)
        for entry in entries:
            link = entry.K
            assert link.S == "/Link"
            objrs = [k for k in link.K if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"]
            assert objrs, "a Link element points at its annotation"
            for objr in objrs:
                annotation = objr.Obj
                assert annotation.Subtype == "/Link"
                assert str(annotation.Contents).startswith("Punkt ")
                # The ParentTree maps the annotation back to its Link element.
                nums = pdf.Root.StructTreeRoot.ParentTree.Nums
                key = int(annotation.StructParent)
                index = [int(nums[i]) for i in range(0, len(nums), 2)].index(key)
                assert nums[2 * index + 1].objgen == link.objgen
        for page in pdf.pages:
            if "/Annots" in page.obj:
                assert page.obj.Tabs == "/S"


def test_facts_table_has_row_headers(rich_minutes):
    _meeting, _path, pdf = rich_minutes
    (table,) = [e for role, e, _ in walk(pdf.Root.StructTreeRoot) if role == "/Table"]
    rows = list(table.K)
    assert rows and all(row.S == "/TR" for row in rows)
    for row in rows:
        header, data = list(row.K)
        assert (header.S, header.A.Scope, data.S) == ("/TH", "/Row", "/TD")


def test_lists_are_nested_l_li_lbl_lbody(rich_minutes):
    _meeting, path, pdf = rich_minutes
    texts = page_texts_by_mcid(path)
    elements = list(walk(pdf.Root.StructTreeRoot))
    for role, element, _ in elements:
        if role == "/L":
            assert all(item.S == "/LI" for item in list(element.K) if isinstance(element.K, pikepdf.Array))
        if role == "/LI":
            assert [str(k.S) for k in element.K] == ["/Lbl", "/LBody"]
    depths = [depth for role, _, depth in elements if role == "/L"]
    # The extra section's bullet list goes three deep: L > LI > LBody > L > LI > LBody > L.
    assert max(depths) - min(depths) >= 6
    labels = [element_text(pdf, e, texts) for role, e, _ in elements if role == "/Lbl"]
    assert "•" in labels and "1." in labels and "2." in labels
    bodies = [" ".join(element_text(pdf, p, texts) for r, p, _ in walk(e) if r == "/P")
              for role, e, _ in elements if role == "/LBody"]
    assert any(body.startswith("under et") for body in bodies)


def test_a_paragraph_split_across_pages_is_one_element_with_content_on_both(rich_minutes):
    _meeting, path, pdf = rich_minutes
    texts = page_texts_by_mcid(path)
    (long,) = [e for role, e, _ in walk(pdf.Root.StructTreeRoot)
               if role == "/P" and element_text(pdf, e, texts).startswith("Sætning nummer 0 ")]
    pages = {int(k.Pg.objgen[0]) for k in long.K if isinstance(k, pikepdf.Dictionary)}
    assert len(long.K) >= 2 and pages, "content on more than one page"
    assert element_text(pdf, long, texts).endswith("Sætning nummer 899 om budgettet for det kommende år.")


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_every_text_operator_is_tagged_content_or_an_artifact(pdfs, case):
    _meeting, path = pdfs[case]
    with pikepdf.open(path) as pdf:
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        parent_tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        for page in pdf.pages:
            mapped = parent_tree[int(page.obj.StructParents)]
            stack: list[str] = []
            for operands, operator in pikepdf.parse_content_stream(page):
                op = str(operator)
                if op == "BDC":
                    tag, properties = str(operands[0]), operands[1]
                    if tag == "/Artifact":
                        stack.append("artifact")
                    else:
                        mcid = int(properties.MCID)
                        element = mapped[mcid]
                        assert element.S == tag, "the ParentTree names the element the content is tagged as"
                        stack.append("tagged")
                elif op == "BMC":
                    stack.append("artifact" if str(operands[0]) == "/Artifact" else "other")
                elif op == "EMC":
                    stack.pop()
                elif op in ("Tj", "TJ", "'", '"', "Do"):
                    assert {"tagged", "artifact"} & set(stack), f"{op} outside tagged content on a page"
            assert not stack


def test_catalog_language_title_and_xmp(rich_minutes):
    meeting, _path, pdf = rich_minutes
    assert pdf.Root.Lang == "da-DK"
    assert pdf.Root.MarkInfo.Marked is True
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
    with pdf.open_metadata() as xmp:
        assert xmp["dc:title"] == str(pdf.docinfo.Title)
        assert xmp["pdfuaid:part"] == "1"
    assert meeting.body in str(pdf.docinfo.Title)
