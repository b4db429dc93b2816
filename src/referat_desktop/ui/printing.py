"""Printing the agenda (internal or public): the very pages of its PDF, rasterised for the
printer.

The agenda is rendered once to PDF in memory by the same renderer as the export, so the
paper matches the file page for page. QtPdf is not part of PySide6-Essentials, so each page
is rasterised with pypdfium2 and drawn with QPainter at the printer's resolution (capped:
a 1200 dpi A4 page would be half a gigabyte of pixels, and 300 dpi is print quality).
"""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO

import pypdfium2
from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPaintEngine, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QWidget

from referat_desktop.domain.model import Meeting
from referat_desktop.domain.texts import Variant, document_title
from referat_desktop.export.errors import ExportError
from referat_desktop.export.pipeline import render
from referat_desktop.ui.export_actions import plain_message

MAX_DPI = 300
# The preview keeps every page in memory as a picture; on screen 150 dpi is sharp enough
# and takes a quarter of the memory of 300 dpi.
PREVIEW_DPI = 150


def agenda_pdf(meeting: Meeting, variant: Variant = Variant.AGENDA) -> bytes:
    out = BytesIO()
    # Warnings about characters the PDF cannot draw are not repeated here: the preview
    # shows the very pages that are printed, so what is left out is seen before printing.
    render(meeting, "pdf", variant, out)
    return out.getvalue()


def _page_image(page: pypdfium2.PdfPage, dpi: float) -> QImage:
    bitmap = page.render(scale=dpi / 72, prefer_bgrx=True, optimize_mode="print")
    # BGRx bytes are Qt's RGB32 on little-endian machines; copy() detaches from pdfium's buffer.
    image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB32)
    return image.copy()


def prepare_printer(printer: QPrinter, pdf: bytes, title: str) -> None:
    """Match the printer's paper to the PDF's first page and print edge to edge."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        width, height = document[0].get_size() if len(document) else (595.0, 842.0)
    finally:
        document.close()
    size = QPageSize(QSizeF(width, height), QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    orientation = QPageLayout.Orientation.Landscape if width > height else QPageLayout.Orientation.Portrait
    printer.setPageSize(size)
    printer.setPageOrientation(orientation)
    printer.setFullPage(True)  # the PDF carries its own margins
    printer.setDocName(title)


def paint_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Draw every page of `pdf` on `printer` (a real printer, a preview or a PDF file)."""
    document = pypdfium2.PdfDocument(pdf)
    painter = QPainter()
    if not painter.begin(printer):
        document.close()
        return 0
    try:
        preview = painter.paintEngine().type() == QPaintEngine.Type.Picture
        dpi = min(printer.resolution(), PREVIEW_DPI if preview else MAX_DPI)
        target = QRectF(printer.paperRect(QPrinter.Unit.DevicePixel))
        target.moveTo(0, 0)
        for number in range(len(document)):
            if number:
                printer.newPage()
            page = document[number]
            try:
                image = _page_image(page, dpi)
            finally:
                page.close()
            painter.drawImage(_fit(image, target), image)
        return len(document)
    finally:
        painter.end()
        document.close()


def _fit(image: QImage, target: QRectF) -> QRectF:
    """`target` shrunk to the image's proportions and centred (paper and PDF page may differ)."""
    scale = min(target.width() / image.width(), target.height() / image.height())
    width, height = image.width() * scale, image.height() * scale
    return QRectF(target.x() + (target.width() - width) / 2, target.y() + (target.height() - height) / 2,
                  width, height)


class AgendaPrintPreview(QPrintPreviewDialog):
    """Print preview of a meeting's agenda (`Variant.AGENDA` or `Variant.PUBLIC_AGENDA`);
    Print in the dialog sends the same pages on."""

    def __init__(self, meeting: Meeting, parent: QWidget | None = None,
                 variant: Variant = Variant.AGENDA) -> None:
        # Kept alive here (the dialog does not own it), but not as `self.printer`: that
        # would hide QPrintPreviewDialog.printer(), which returns it.
        self._printer = printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.variant = variant
        self.pdf = agenda_pdf(meeting, variant)
        title = document_title(meeting, variant)
        prepare_printer(printer, self.pdf, title)
        super().__init__(printer, parent)
        # Both agendas have the template's title; the window says which one is shown.
        public = " (offentlig udgave)" if variant.is_public else ""
        self.setWindowTitle(f"Udskriv {title}{public}")
        self.resize(900, 800)
        self.paintRequested.connect(lambda printer: paint_pdf(self.pdf, printer))


def open_agenda_preview(meeting: Meeting, parent: QWidget, show_error: Callable[[str], None],
                        variant: Variant = Variant.AGENDA) -> AgendaPrintPreview | None:
    """Udskriv dagsorden… / Udskriv offentlig dagsorden…: the preview, opened; None (and
    the reason shown) if the agenda cannot be laid out."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        preview = AgendaPrintPreview(meeting, parent, variant)
    except ExportError as exc:
        show_error(f"Dagsordenen kan ikke udskrives: {plain_message(str(exc))}")
        return None
    finally:
        QApplication.restoreOverrideCursor()
    preview.open()
    return preview
