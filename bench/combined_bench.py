"""The combined PDF (issue 15): 20 PDF bilag of 20 pages each in-process (≤ 2 s), and the
peak memory of a whole `referat export --with-attachments` process while it combines
300 MB of bilag read from the database (≤ 250 MB)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from archive import sample_meeting
from stats import Figure, figure, timed

from referat_desktop.domain.model import Attachment, Meeting
from referat_desktop.domain.texts import Variant
from referat_desktop.export.pipeline import render
from referat_desktop.store import Store

BILAG, PAGES = 20, 20
BIG_TOTAL_MB = 300


def text_pdf(label: str, pages: int) -> bytes:
    """A bilag of text pages, as a scanned-then-OCRed or typed notat would be."""
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out)
    for number in range(1, pages + 1):
        text = canvas.beginText(72, 770)
        for line in range(40):
            text.textLine(f"{label}, side {number}, linje {line + 1}: Lorem ipsum dolor sit amet.")
        canvas.drawText(text)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def image_pdf(path: Path, pages: int, page_bytes: int) -> None:
    """A bilag of scanned pages: each page one incompressible grey image of `page_bytes`."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, NumberObject

    side = int(page_bytes ** 0.5)
    writer = PdfWriter()
    for _ in range(pages):
        page = writer.add_blank_page(595, 842)
        image = DecodedStreamObject()
        image.set_data(os.urandom(side * side))
        image.update({NameObject("/Type"): NameObject("/XObject"),
                      NameObject("/Subtype"): NameObject("/Image"),
                      NameObject("/Width"): NumberObject(side), NameObject("/Height"): NumberObject(side),
                      NameObject("/ColorSpace"): NameObject("/DeviceGray"),
                      NameObject("/BitsPerComponent"): NumberObject(8)})
        page[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): DictionaryObject(
            {NameObject("/Im0"): writer._add_object(image)})})
        contents = DecodedStreamObject()
        contents.set_data(b"q 495 0 0 742 50 50 cm /Im0 Do Q")
        page[NameObject("/Contents")] = writer._add_object(contents)
    with path.open("wb") as out:
        writer.write(out)


def meeting_with_bilag(files: list[tuple[str, bytes | None]]) -> Meeting:
    meeting = sample_meeting()
    for index, (name, data) in enumerate(files):
        item = meeting.items[index % len(meeting.items)]
        item.attachments.append(Attachment(name, data, "application/pdf"))
    return meeting


def in_process() -> list[Figure]:
    meeting = meeting_with_bilag([(f"Bilag {n}.pdf", text_pdf(f"Bilag {n}", PAGES)) for n in range(BILAG)])
    cpu: list[float] = []

    def combine() -> None:
        start = time.process_time()
        render(meeting, "pdf", Variant.MINUTES, io.BytesIO(), with_attachments=True)
        cpu.append(time.process_time() - start)

    runs = timed(combine, runs=3)
    # The CPU time too: on this shared machine the wall clock also counts the other processes.
    return [figure(f"Combined PDF: sample + {BILAG} PDF bilag × {PAGES} pages, in-process", runs, "s", 2),
            figure("… the same, CPU time of the process", cpu[1:], "s")]


def peak_memory(folder: Path) -> list[Figure]:
    """`referat export --with-attachments` on a database holding 300 MB of PDF bilag; its
    peak resident memory (getrusage of the child, measured by a fresh parent)."""
    db = folder / "big.sqlite"
    store = Store.open(db)
    names = [(f"Skanning {n}.pdf", None) for n in range(BILAG)]
    [meeting_id] = store.import_meetings([meeting_with_bilag(names)])
    per_file = BIG_TOTAL_MB * 2**20 // BILAG
    conn = store.db.conn
    ids = [row[0] for row in
           conn.execute("SELECT id FROM attachments WHERE name LIKE 'Skanning %' ORDER BY id")]
    for attachment_id in ids:  # one file at a time: the bench process need not hold them all either
        pdf = folder / "scan.pdf"
        image_pdf(pdf, PAGES, per_file // PAGES)
        stored = store.store_file(pdf)  # written in chunks into attachment_files (issue 15)
        with conn:
            conn.execute("UPDATE attachments SET file_id = ?, media_type = 'application/pdf' WHERE id = ?",
                         [stored.file_id, attachment_id])
    total_mb = conn.execute("SELECT sum(size) FROM attachment_files").fetchone()[0] / 2**20
    store.close()
    out = folder / "combined.pdf"
    measure = ("import resource, subprocess, sys, time\n"
               "start = time.perf_counter()\n"
               "subprocess.run(sys.argv[1:], check=True)\n"
               "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
               "print(peak, time.perf_counter() - start)\n")
    export = [sys.executable, "-m", "referat_desktop.cli", "export", str(meeting_id), "--format", "pdf",
              "--with-attachments", "-o", str(out), "--db", str(db)]
    done = subprocess.run([sys.executable, "-c", measure, *export], capture_output=True, text=True,
                          check=True)
    peak_mb, seconds = (float(v) for v in done.stdout.split())
    written_mb = out.stat().st_size / 2**20
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    if pages < BILAG * PAGES:
        raise RuntimeError(f"the combined PDF has {pages} pages, fewer than its {BILAG * PAGES} bilag pages")
    return [
        Figure(f"Combined PDF of {total_mb:.0f} MB of bilag ({BILAG} × {PAGES} scanned pages), "
               "whole process: peak memory", peak_mb, f"{seconds:.1f} s, {written_mb:.0f} MB written", "MB",
               "≤ 250 MB", peak_mb <= 250),
    ]


def run_all() -> list[Figure]:
    figures = in_process()
    with tempfile.TemporaryDirectory() as name:
        figures += peak_memory(Path(name))
    return figures


if __name__ == "__main__":
    for f in run_all():
        print(f)
