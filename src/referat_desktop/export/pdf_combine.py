"""The combined PDF (`referat export --format pdf --with-attachments`, "Samlet PDF med bilag"):
the document, then each bilag's pages in item order, with pypdf.

1. Each attachment the variant shows (bilag.numbered) is written to a temporary file, one at
   a time; Office files go to LibreOffice where it is installed (office_convert.py).
2. Each PDF is opened to count its pages; a damaged or encrypted one is left out and named.
3. The document is laid out once, knowing the bilag: the table of contents lists them with
   their pages (the document's own page count plus the pages of the bilag before; the
   numbers are filled in when reportlab saves, pdf_numbers.py), and each item's Bilag section
   says which files are not inserted.
4. pypdf starts from the document's own file (its catalog, so a structure tree and MarkInfo
   stay), appends each bilag's pages with a stamped header line (pdf_stamp.py), and nests a
   bookmark per bilag under its item's.

Memory: pypdf keeps every object it is given until it writes the file. Each bilag is read
from its file, and after its pages are copied its large streams (images, fonts, contents)
move to a spool file, from which they are copied straight into the output; so at any time
only one bilag's bytes are in memory (bench/combined_bench.py measures it).
"""

from __future__ import annotations

import io
import logging
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
    StreamObject,
    TreeObject,
)

from referat_desktop.export import office_convert
from referat_desktop.export.bilag import (
    CONVERTIBLE_SUFFIXES,
    Bilag,
    BilagStatus,
    is_pdf,
    not_inserted_warning,
    numbered,
    suffix,
)
from referat_desktop.export.build import build_document
from referat_desktop.export.errors import ExportError, ExportWarning
from referat_desktop.export.formats import RenderInput
from referat_desktop.export.pdf import render_pdf
from referat_desktop.export.pdf_stamp import STAMP_HEIGHT, stamp_pages
from referat_desktop.export.style import FOOTER_TEXT

SPILL_AT = 16 * 1024  # a stream this long moves to the spool file once copied
COPY_CHUNK = 1024 * 1024


@dataclass
class _File:
    """A bilag's file in the temporary folder, and the shape of its pages."""

    bilag: Bilag
    path: Path | None = None  # the PDF whose pages are appended
    # Per page: the visible box (x0, y0, x1, y1) and its /Rotate, for placing the stamp.
    boxes: list[tuple[tuple[float, float, float, float], int]] = field(default_factory=list)


def render_combined(source: RenderInput, out: BinaryIO) -> list[ExportWarning]:
    """The registry's entry for `pdf` with bilag (formats.py)."""
    _keep_pypdf_quiet()
    with tempfile.TemporaryDirectory(prefix="referat-bilag-") as folder_name:
        folder = Path(folder_name)
        files = _prepare(numbered(source.meeting, source.variant), folder)
        bilag = [f.bilag for f in files]
        document = build_document(source.meeting, source.variant, bilag)
        own = io.BytesIO()
        warnings = render_pdf(document, own)
        _combine(own, [f for f in files if f.bilag.status is BilagStatus.INSERTED], out, folder)
    left_out = not_inserted_warning(bilag)
    return [*warnings, left_out] if left_out else warnings


# --- 1 and 2: the files ----------------------------------------------------------------------

def _prepare(bilag: list[Bilag], folder: Path) -> list[_File]:
    files: list[_File] = []
    to_convert: dict[Path, _File] = {}
    soffice = office_convert.find_soffice()
    for entry in bilag:
        written = _write(entry, folder)
        if written is None:
            files.append(_File(replace(entry, status=BilagStatus.NO_FILE)))
            continue
        path, head = written
        if is_pdf(entry.attachment, head):
            files.append(_probe(entry, path))
            continue
        if suffix(entry.attachment) in CONVERTIBLE_SUFFIXES and soffice is not None:
            file = _File(entry, path)
            to_convert[path] = file
        else:
            file = _File(replace(entry, status=BilagStatus.NOT_PDF))
        files.append(file)
    if to_convert and soffice is not None:
        converted_dir = folder / "pdf"
        converted_dir.mkdir()
        converted = office_convert.convert_to_pdf(list(to_convert), converted_dir, soffice)
        for path, file in to_convert.items():
            index = files.index(file)
            if path in converted:
                files[index] = _probe(file.bilag, converted[path], BilagStatus.NOT_CONVERTED)
            else:
                files[index] = _File(replace(file.bilag, status=BilagStatus.NOT_CONVERTED))
    return files


def _write(entry: Bilag, folder: Path) -> tuple[Path, bytes] | None:
    """The attachment's bytes into a file of its own, piece by piece; with its first bytes."""
    if not entry.attachment.has_file:
        return None
    chunks = entry.attachment.chunks()  # from memory, or streamed from the database
    # Named by its number, not its name: any name is safe, and LibreOffice names its PDF
    # after the stem. The suffix tells LibreOffice the file's type.
    path = folder / f"{entry.key}{suffix(entry.attachment)}"
    head = b""
    with path.open("wb") as file:
        for chunk in chunks:
            if len(head) < 1024:
                head += chunk[:1024 - len(head)]
            file.write(chunk)
    return path, head


def _probe(entry: Bilag, path: Path, unreadable: BilagStatus = BilagStatus.DAMAGED) -> _File:
    """Open the PDF and note its pages; a file pypdf cannot read is `unreadable`."""
    try:
        with path.open("rb") as file:
            reader = PdfReader(file)
            if reader.is_encrypted:
                return _File(replace(entry, status=BilagStatus.ENCRYPTED))
            boxes = [(_box(page), _rotation(page)) for page in reader.pages]
            reader.resolved_objects.clear()  # see _append
    # A damaged file shows itself as almost any exception inside pypdf (its own errors,
    # but also KeyError, TypeError, ValueError, RecursionError...): it is left out and named.
    except Exception:
        return _File(replace(entry, status=unreadable))
    if not boxes:
        return _File(replace(entry, status=unreadable))
    return _File(replace(entry, status=BilagStatus.INSERTED, pages=len(boxes)), path, boxes)


def _box(page: PageObject) -> tuple[float, float, float, float]:
    box = page.cropbox
    left, bottom, right, top = (float(v) for v in (box.left, box.bottom, box.right, box.top))
    if right - left < 1 or top - bottom < 1:
        raise ValueError("a page without area")
    return min(left, right), min(bottom, top), max(left, right), max(bottom, top)


def _rotation(page: PageObject) -> int:
    return int(page.rotation) % 360 // 90 * 90


# --- 4: the pages ------------------------------------------------------------------------------

def _combine(own: io.BytesIO, files: list[_File], out: BinaryIO, folder: Path) -> None:
    own.seek(0)
    # The document's own file as the base: its catalog (outline, /Lang, a structure tree and
    # /MarkInfo when tagged, viewer preferences) is the result's.
    writer = PdfWriter(clone_from=own)
    own_pages = len(writer.pages)
    total = own_pages + sum(f.bilag.pages for f in files)
    items = _item_outline(writer)
    begin = writer._add_object(_stream(b"q\n"))  # shared by every bilag page
    stamps = PdfReader(io.BytesIO(stamp_pages(_stamp_texts(files, own_pages, total)))).pages
    with tempfile.TemporaryFile(dir=folder) as spool:
        for file in files:
            _append(writer, file, items, stamps[len(writer.pages) - own_pages:], begin, spool)
        writer.write(out)


def _stamp_texts(files: list[_File], own_pages: int, total: int) -> list[tuple[float, str, str]]:
    """(width, header, page number) for each bilag page, in order."""
    texts = []
    page = own_pages
    for file in files:
        label = _label(file.bilag)
        for box, rotation in file.boxes:
            page += 1
            texts.append((_display_size(box, rotation)[0], label, FOOTER_TEXT.format(page=page, pages=total)))
    return texts


def _label(entry: Bilag) -> str:
    return entry.label(" ".join(entry.attachment.name.split()))


def _append(writer: PdfWriter, file: _File, items: dict[int, IndirectObject], stamps: Sequence[PageObject],
            begin: IndirectObject, spool: BinaryIO) -> None:
    """Append the bilag's pages, each with its stamp (`stamps` from its first page on)."""
    entry = file.bilag
    assert file.path is not None
    first_page = len(writer.pages)
    first_object = len(writer._objects)
    try:
        with file.path.open("rb") as source:  # pypdf reads from the open file as it needs
            reader = PdfReader(source)
            for number, page in enumerate(reader.pages):
                added = writer.add_page(page)
                _untag(added)
                box, rotation = file.boxes[number]
                _stamp(writer, added, stamps[number], box, rotation, begin, f"/ReferatBilag{number}")
            # The reader and its objects refer to each other: left to the garbage collector,
            # every bilag's bytes would stay in memory until its next full collection.
            reader.resolved_objects.clear()
            reader.flattened_pages = None
    except ExportError:
        raise
    except Exception:  # read without trouble when probed, yet not when copied: rare, but named
        raise ExportError(f'bilag {entry.item_number}.{entry.number} "{entry.attachment.name.strip()}"'
                          " kunne ikke læses, da det skulle sættes ind; eksporten er ikke gemt") from None
    parent = items.get(entry.item_number)
    writer.add_outline_item(title=_label(entry), page_number=first_page, parent=parent)
    _spill(writer, first_object, spool)


def _untag(page: PageObject) -> None:
    """A tagged bilag's pages point into its own structure tree, which is not copied: the
    pointers would land in the document's tree instead. Its pages join untagged."""
    page.pop(NameObject("/StructParents"), None)
    for annotation in page.get("/Annots", None) or []:
        annotation.get_object().pop(NameObject("/StructParent"), None)


def _stamp(writer: PdfWriter, page: PageObject, stamp: PageObject, box: tuple[float, float, float, float],
           rotation: int, begin: IndirectObject, name: str) -> None:
    """Lay `stamp` over the top of `page` as a form XObject: the page's own content is
    left as it is (not parsed), wrapped in q/Q so the stamp starts from a clean state."""
    # The stamp page's one content stream, copied as it is (still compressed), becomes the form.
    form = stamp["/Contents"].clone(writer)
    if not isinstance(form, StreamObject) or form.indirect_reference is None:
        raise ValueError("a stamp page has one content stream")
    form.update({
        NameObject("/Type"): NameObject("/XObject"),
        NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/BBox"): ArrayObject(FloatObject(v) for v in stamp.mediabox),
        NameObject("/Resources"): stamp["/Resources"].clone(writer),
    })
    resources = _subdictionary(page, "/Resources")
    _subdictionary(resources, "/XObject")[NameObject(name)] = form.indirect_reference
    _width, height = _display_size(box, rotation)
    a, b, c, d, e, f = _display_matrix(box, rotation)
    top = height - float(STAMP_HEIGHT)
    # The stamp repeats what the bookmarks and the TOC say: a pagination artifact (a
    # header), so a screen reader does not read it on every page (PDF/UA).
    drawn = (f"Q\n/Artifact <</Type /Pagination /Subtype /Header>> BDC q {a:g} {b:g} {c:g} {d:g} {e:.4f} "
             f"{f:.4f} cm 1 0 0 1 0 {top:.4f} cm {name} Do Q EMC\n")
    contents = page.get("/Contents")
    existing = [] if contents is None else list(contents) if isinstance(contents, ArrayObject) else [contents]
    stamped = writer._add_object(_stream(drawn.encode()))
    page[NameObject("/Contents")] = ArrayObject([begin, *existing, stamped])


def _subdictionary(parent: DictionaryObject, key: str) -> DictionaryObject:
    """parent[key] as a dictionary (followed if indirect), made empty if missing."""
    value = parent.get(key)
    if value is None:
        value = DictionaryObject()
        parent[NameObject(key)] = value
    found = value.get_object()
    if not isinstance(found, DictionaryObject):
        raise ValueError(f"{key} is not a dictionary")
    return found


def _display_size(box: tuple[float, float, float, float], rotation: int) -> tuple[float, float]:
    width, height = box[2] - box[0], box[3] - box[1]
    return (height, width) if rotation in (90, 270) else (width, height)


def _display_matrix(box: tuple[float, float, float, float], rotation: int) -> tuple[float, ...]:
    """From the page as shown (origin bottom left, after /Rotate turns it clockwise) to the
    page's own coordinates."""
    x0, y0, x1, y1 = box
    return {0: (1, 0, 0, 1, x0, y0), 90: (0, 1, -1, 0, x1, y0),
            180: (-1, 0, 0, -1, x1, y1), 270: (0, -1, 1, 0, x0, y1)}[rotation]


def _item_outline(writer: PdfWriter) -> dict[int, IndirectObject]:
    """Item number -> its bookmark (the document's outline has one per item, in order),
    made a pypdf TreeObject so that children can be added to it."""
    found: dict[int, IndirectObject] = {}
    node = writer.get_outline_root().get("/First")
    while isinstance(node, IndirectObject):
        entry = node.get_object()
        if not isinstance(entry, DictionaryObject):
            break
        if not isinstance(entry, TreeObject):
            writer._replace_object(node.idnum, TreeObject(entry))
        found[len(found) + 1] = node
        node = entry.get("/Next")
    return found


def _stream(data: bytes) -> DecodedStreamObject:
    stream = DecodedStreamObject()
    stream.set_data(data)
    return stream


# --- memory ------------------------------------------------------------------------------------

class _SpooledStream(StreamObject):
    """A copied stream whose bytes wait in the spool file; written straight from there."""

    def __init__(self, stream: StreamObject, spool: BinaryIO) -> None:
        super().__init__()
        self.update(stream)
        self.indirect_reference = stream.indirect_reference
        data = stream._data  # as stored (still compressed): what the writer would write
        spool.seek(0, io.SEEK_END)
        self._offset, self._length, self._spool = spool.tell(), len(data), spool
        spool.write(data)

    def get_data(self) -> bytes:
        self._spool.seek(self._offset)
        return self._spool.read(self._length)

    def write_to_stream(self, stream: object, encryption_key: object = None) -> None:
        self[NameObject("/Length")] = NumberObject(self._length)
        DictionaryObject.write_to_stream(self, stream)  # type: ignore[arg-type]
        del self["/Length"]
        write = stream.write  # type: ignore[attr-defined]
        write(b"\nstream\n")
        self._spool.seek(self._offset)
        left = self._length
        while left > 0:
            chunk = self._spool.read(min(left, COPY_CHUNK))
            if not chunk:
                raise OSError("the spool file is shorter than what was put in it")
            write(chunk)
            left -= len(chunk)
        write(b"\nendstream")


def _spill(writer: PdfWriter, first_object: int, spool: BinaryIO) -> None:
    """Move the large streams copied since `first_object` out of memory."""
    objects = writer._objects
    for index in range(first_object, len(objects)):
        stream = objects[index]
        if isinstance(stream, StreamObject) and not isinstance(stream, _SpooledStream) \
                and len(stream._data) >= SPILL_AT:
            objects[index] = _SpooledStream(stream, spool)


def _keep_pypdf_quiet() -> None:
    """pypdf logs what it repairs in a damaged file; with no handler of its own Python would
    print that on stderr, where `referat export` promises one line. The file is named in
    the export's warning instead."""
    logger = logging.getLogger("pypdf")
    if not logger.handlers:
        logger.addHandler(logging.NullHandler())
