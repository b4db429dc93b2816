"""Printing the agenda (the agenda PDF's own pages) and the Eksport menu, from the window."""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import pypdfium2
import pytest
from docx import Document
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import QFileDialog

from referat_desktop.domain import interchange
from referat_desktop.domain.texts import CLOSED_ITEM_TEXT, Variant, item_heading
from referat_desktop.export.pipeline import render
from referat_desktop.resources_path import PROTOCOL_SAMPLE_MEETING, resource
from referat_desktop.ui.export_actions import EXPORT_KINDS, default_file_name
from referat_desktop.ui.printing import paint_pdf, prepare_printer
from ui_support import open_window

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def sample_window(qtbot, db_path, tmp_path, store, sample_meeting):
    store.add_meeting(sample_meeting)
    store.close()
    return open_window(qtbot, db_path, tmp_path)


def agenda_page_count(meeting, variant: Variant = Variant.AGENDA) -> int:
    out = BytesIO()
    render(meeting, "pdf", variant, out)
    return len(PdfReader(BytesIO(out.getvalue())).pages)


def ink(pdf_path: Path, page: int) -> float:
    """Share of dark pixels on a page: printed pages are images, so look at them."""
    document = pypdfium2.PdfDocument(str(pdf_path))
    try:
        bitmap = document[page].render(scale=0.5, grayscale=True)
        assert bitmap.n_channels == 1
        data = bytes(bitmap.buffer)
        return sum(1 for value in data if value < 128) / len(data)
    finally:
        document.close()


def test_print_agenda_previews_and_prints_the_agenda_pages(qtbot, sample_window, tmp_path) -> None:
    window = sample_window
    qtbot.keyClick(window, Qt.Key.Key_P, CTRL)
    dialog = window.print_preview
    assert dialog is not None and dialog.isVisible()
    expected = agenda_page_count(window.current_meeting())
    preview = dialog.findChild(QPrintPreviewWidget)
    assert preview.pageCount() == expected

    out = tmp_path / "udskrift.pdf"
    printer = dialog.printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    printer.setResolution(96)  # keeps the test quick; real printers get up to 300 dpi
    preview.print_()
    assert len(PdfReader(out).pages) == expected
    assert ink(out, 0) > 0.001  # the front page is not blank
    dialog.close()


def test_paint_pdf_draws_every_page_on_a_printer(qtbot, tmp_path, sample_meeting) -> None:
    out = BytesIO()
    render(sample_meeting, "pdf", Variant.AGENDA, out)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "a.pdf"))
    prepare_printer(printer, out.getvalue(), "Dagsorden")
    assert paint_pdf(out.getvalue(), printer) == len(PdfReader(BytesIO(out.getvalue())).pages)
    assert len(PdfReader(tmp_path / "a.pdf").pages) == len(PdfReader(BytesIO(out.getvalue())).pages)


def test_every_export_entry_writes_its_file(qtbot, sample_window, tmp_path, monkeypatch) -> None:
    window = sample_window
    meeting = window.current_meeting()
    asked: list[str] = []

    def save_as(parent, caption, suggested, filters):
        asked.append(Path(suggested).name)
        return str(tmp_path / Path(suggested).name), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    menu = window.menus["export"]
    assert [a.text() for a in menu.actions() if a.text()] == [k.label for k in EXPORT_KINDS]
    opened = []
    window.exporter.open_url = lambda url: opened.append(url.toLocalFile()) or True
    for kind in EXPORT_KINDS:
        with qtbot.waitSignal(window.exporter.finished, timeout=20000) as done:
            if kind.shortcut:
                qtbot.keyClick(window, Qt.Key.Key_E, CTRL)
            else:
                window.export_acts[kind].trigger()
        path = Path(done.args[0])
        assert path.name == default_file_name(meeting, kind) == asked[-1]
        box = window.exporter.last_message
        assert box.isVisible() and str(path) in box.text()
        if kind.fmt == "pdf":
            text = "".join(page.extract_text() for page in PdfReader(path).pages)
            assert ("DAGSORDEN" if kind.variant.is_agenda else "REFERAT") in text
        elif kind.fmt == "html":  # the page's <title> is the document title
            title = re.search("<title>(.*)</title>", path.read_text(encoding="utf-8")).group(1)
            assert title.startswith("DAGSORDEN" if kind.variant.is_agenda else "REFERAT")
        elif kind.fmt == "json":  # the whole meeting, readable by `referat import`
            assert [m.body for m in interchange.loads(path.read_text(encoding="utf-8"))] == [meeting.body]
        else:
            title = " ".join(p.text for p in Document(str(path)).paragraphs[:3])
            assert ("DAGSORDEN" if kind.variant.is_agenda else "REFERAT") in title
        box.buttons()[0].click()  # "Åbn filen"
    assert opened[-1] == str(path)
    json_entries = [a for a in window.menus["files"].actions() if "JSON" in a.text()]
    assert [a.text() for a in json_entries] == ["&Importér møder (referat/1 JSON)…",
                                                "Mødet som &JSON (referat/1)…"]
    assert asked[0] == "Referat Direktionen 16-12-2019.docx"


def test_an_export_that_fails_says_why(qtbot, sample_window, tmp_path, monkeypatch) -> None:
    window = sample_window
    target = tmp_path / "findes-ikke" / "referat.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(target), ""))
    with qtbot.waitSignal(window.exporter.failed, timeout=20000) as failed:
        window.export_acts[EXPORT_KINDS[1]].trigger()
    assert failed.args[0].startswith("Mappen ") and failed.args[0].endswith(".")
    assert window.exporter.last_message.text() == failed.args[0]
    assert not target.exists()


def test_a_pdf_export_names_the_characters_it_left_out(qtbot, db_path, tmp_path, store, monkeypatch) -> None:
    import datetime as dt

    from referat_desktop.domain.model import Item, Meeting, Section, SectionKind

    store.add_meeting(Meeting(body="Udvalget", date=dt.date(2024, 3, 5), items=[
        Item(title="Sne ☃", sections=[Section(SectionKind.BAGGRUND, "Fint ✓ ☐ ★")]),
        Item(title="Hilsner", sections=[Section(SectionKind.BESLUTNING, "Fra 中文 og 😀 ✅")]),
    ]))
    store.close()
    window = open_window(qtbot, db_path, tmp_path)
    target = tmp_path / "referat.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(target), ""))
    with qtbot.waitSignal(window.exporter.finished, timeout=20000):
        window.export_acts[EXPORT_KINDS[1]].trigger()  # Referat som PDF
    box = window.exporter.last_message
    assert box.isVisible()  # opened with open(), as every result box: the window goes on
    assert box.windowTitle() == "Eksporten er gemt med en advarsel"
    assert box.text() == (
        f"Filen er gemt:\n{target}\n\n"
        "Tegnene 中 文 ✅ kan ikke vises i PDF'en og er udeladt "
        "(i punkt 2 \"Hilsner\", afsnittet \"Beslutning Udvalget den 05-03-2024\")."
    )
    assert [w.characters for w in window.exporter.last_warnings] == [("中", "文", "✅")]
    assert target.read_bytes().startswith(b"%PDF")
    box.close()

    word = tmp_path / "referat.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(word), ""))
    with qtbot.waitSignal(window.exporter.finished, timeout=20000):
        window.export_acts[EXPORT_KINDS[0]].trigger()  # Referat som Word keeps them all
    assert window.exporter.last_message.windowTitle() == "Eksporten er gemt"
    assert window.exporter.last_warnings == []


# --- the public agenda (issue 14 item 2), on the Økonomiudvalget sample's closed item ------


@pytest.fixture
def closed_item_window(qtbot, db_path, tmp_path, store):
    meeting = interchange.loads(resource(*PROTOCOL_SAMPLE_MEETING).read_text(encoding="utf-8"))[0]
    assert [it.closed for it in meeting.items].count(True) == 1
    store.add_meeting(meeting)
    store.close()
    return open_window(qtbot, db_path, tmp_path)


def closed_item_texts(meeting) -> tuple[str, list[str]]:
    """The closed item's heading, and texts of it that only the internal files may show."""
    ((number, item),) = [(n, it) for n, it in enumerate(meeting.items, 1) if it.closed]
    secrets = [item.case_number, *(a.name for a in item.attachments)]
    secrets += [s.text.splitlines()[0][:40] for s in item.sections]
    return item_heading(number, item.title), secrets


def test_the_export_menu_writes_the_public_agenda(qtbot, closed_item_window, tmp_path, monkeypatch) -> None:
    window = closed_item_window
    meeting = window.current_meeting()
    heading, secrets = closed_item_texts(meeting)
    def save_as(parent, caption, suggested, filters):
        return str(tmp_path / Path(suggested).name), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    entries = {a.text(): a for a in window.menus["export"].actions() if a.text()}
    for label, suffix in (("Offentlig da&gsorden som PDF…", "pdf"),
                          ("Offentlig d&agsorden som Word…", "docx")):
        with qtbot.waitSignal(window.exporter.finished, timeout=20000) as done:
            entries[label].trigger()
        path = Path(done.args[0])
        assert path.name == f"Offentlig dagsorden Økonomiudvalget 24-11-2026.{suffix}"
        if suffix == "pdf":
            lines = [" ".join(line.split()) for page in PdfReader(path).pages
                     for line in page.extract_text().splitlines() if line.strip()]
        else:
            lines = [p.text for p in Document(str(path)).paragraphs if p.text.strip()]
        text = " ".join(" ".join(lines).split())
        assert "DAGSORDEN Økonomiudvalget d. 24-11-2026" in text  # (pypdf reads the footer first)
        assert lines[len(lines) - lines[::-1].index(heading)] == CLOSED_ITEM_TEXT  # right under it
        assert "Beslutning" not in text and not [s for s in secrets if s in text]
        window.exporter.last_message.close()


def test_print_public_agenda_previews_the_public_pages(qtbot, closed_item_window, tmp_path) -> None:
    window = closed_item_window
    files_menu = [a.text() for a in window.menus["files"].actions()]
    assert files_menu.index("Udskriv &offentlig dagsorden…") == files_menu.index("&Udskriv dagsorden…") + 1
    qtbot.keyClick(window, Qt.Key.Key_P, CTRL | SHIFT)
    dialog = window.print_preview
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "Udskriv DAGSORDEN Økonomiudvalget d. 24-11-2026 (offentlig udgave)"
    meeting = window.current_meeting()
    expected = agenda_page_count(meeting, Variant.PUBLIC_AGENDA)
    assert dialog.findChild(QPrintPreviewWidget).pageCount() == expected
    # The pages shown are the public agenda's: the closed item holds nothing but its mark.
    heading, secrets = closed_item_texts(meeting)
    shown = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(BytesIO(dialog.pdf)).pages)
    assert f"{heading} {CLOSED_ITEM_TEXT}" in shown and not [s for s in secrets if s in shown]
    dialog.close()

    qtbot.keyClick(window, Qt.Key.Key_P, CTRL)  # Udskriv dagsorden: the internal one, with the content
    internal = window.print_preview
    assert internal is not dialog
    assert internal.windowTitle() == "Udskriv DAGSORDEN Økonomiudvalget d. 24-11-2026"
    shown = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(BytesIO(internal.pdf)).pages)
    assert f"{heading} {CLOSED_ITEM_TEXT} {secrets[0]}" in shown
    internal.close()
