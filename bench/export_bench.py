"""Export figures: in-process and as a whole `referat export` process, and LibreOffice's
conversion of our .docx beside our own PDF export."""

from __future__ import annotations

import gc
import io
import shutil
import subprocess
import sys
import tempfile
import time
from importlib.resources import as_file
from pathlib import Path

from archive import big_meeting, sample_meeting
from stats import Figure, figure, timed

from referat_desktop.domain import interchange
from referat_desktop.domain.texts import Variant
from referat_desktop.export.pipeline import render
from referat_desktop.resources_path import SAMPLE_MEETING, resource
from referat_desktop.store import Store

REFERAT = Path(sys.executable).with_name("referat")
# The one-folder app of `make installer`, what the users run; measured when it is built.
BUILT_REFERAT = Path(__file__).resolve().parent.parent / "dist" / "Referat" / "referat"


def in_process() -> list[Figure]:
    sample, big = sample_meeting(), big_meeting(200)
    figures = []
    # The PDF is tagged (PDF/UA-1, issue 14): its targets are the raised ones, and a
    # 200-item meeting takes ≤ 2 s in each format (the web page's rows: html_bench.py).
    for fmt, sample_target, big_target in (("docx", 300, 2), ("pdf", 120, 2)):
        runs = timed(lambda fmt=fmt: render(sample, fmt, Variant.MINUTES, io.BytesIO()), runs=7)
        figures.append(figure(f"Sample meeting → .{fmt}, in-process", runs, target=sample_target))
        runs = timed(lambda fmt=fmt: render(big, fmt, Variant.MINUTES, io.BytesIO()), runs=3)
        figures.append(figure(f"200-item meeting → .{fmt}, in-process", runs, "s", target=big_target))
    return figures


def linearity() -> Figure:
    """Time per item at 50 and at 400 items: equal when export time grows linearly."""
    render(big_meeting(5), "pdf", Variant.MINUTES, io.BytesIO())  # imports and fonts first
    per_item = []
    for n in (50, 400):
        meeting, seconds = big_meeting(n), []
        # The best of four: on this shared machine one render of the same meeting varies by
        # up to 2x, and with fewer runs that noise, not the layout, decided the ratio.
        for _ in range(4):
            gc.collect()  # the previous run's garbage is not collected on this run's time
            start = time.perf_counter()
            render(meeting, "pdf", Variant.MINUTES, io.BytesIO())
            seconds.append(time.perf_counter() - start)
        per_item.append(min(seconds) / n)
    ratio = per_item[1] / per_item[0]
    return Figure("PDF time per item, 400 vs 50 items (1.0 = linear)", ratio, "ms/item at 400 ÷ at 50",
                  "×", "≈ 1", ratio < 1.5)


def whole_process(folder: Path) -> tuple[list[Figure], Path, float]:
    db = folder / "bench.sqlite"
    store = Store.open(db)
    sample_id, big_id = store.import_meetings([sample_meeting(), big_meeting(200)])
    store.close()
    figures, docx_path = [], folder / "sample.docx"
    pdf_median = 0.0
    # Nine runs of the sample: a process start varies more than an in-process render.
    for label, meeting_id, runs_wanted, target in (("Sample meeting", sample_id, 9, None),
                                                   ("200-item meeting", big_id, 3, 5.0)):
        for fmt in ("docx", "pdf"):
            out = folder / f"{meeting_id}.{fmt}"
            command = [str(REFERAT), "export", str(meeting_id), "--format", fmt, "-o", str(out),
                       "--db", str(db)]
            runs = timed(lambda c=command: subprocess.run(c, check=True, capture_output=True),
                         runs=runs_wanted)
            unit = "ms" if target is None else "s"
            # The sample's tagged PDF as a whole process: ≤ 0.4 s (issue 14).
            wanted = 400 if target is None and fmt == "pdf" else target
            fig = figure(f"{label} → .{fmt}, whole `referat export` process", runs, unit, wanted)
            figures.append(fig)
            if meeting_id == sample_id and fmt == "pdf":
                pdf_median = fig.median
            if meeting_id == sample_id and fmt == "docx":
                out.replace(docx_path)
    return figures, docx_path, pdf_median


def built_app(folder: Path) -> list[Figure]:
    """The sample's PDF export by the built app: its bootloader and bundled imports."""
    if not BUILT_REFERAT.exists():
        return []
    db, out = folder / "built.sqlite", folder / "built.pdf"
    with as_file(resource(*SAMPLE_MEETING)) as sample_json:
        subprocess.run([str(BUILT_REFERAT), "import", str(sample_json), "--db", str(db)],
                       check=True, capture_output=True)
    command = [str(BUILT_REFERAT), "export", "1", "--format", "pdf", "-o", str(out), "--db", str(db)]
    runs = timed(lambda: subprocess.run(command, check=True, capture_output=True), runs=9)
    return [figure("Sample meeting → .pdf, whole process of the built app (dist/Referat)", runs)]


def libreoffice(folder: Path, docx_path: Path, our_pdf_ms: float, built: list[Figure]) -> list[Figure]:
    soffice = shutil.which("soffice")
    if not soffice:
        return [Figure("LibreOffice .docx → PDF", float("nan"), "LibreOffice not installed", "ms")]
    profile = (folder / "lo-profile").as_uri()
    outdir = folder / "lo"
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
               "--outdir", str(outdir), str(docx_path)]
    runs = timed(lambda: subprocess.run(command, check=True, capture_output=True, timeout=300), runs=5)
    lo = figure("LibreOffice converting our sample .docx → PDF (warm)", runs)
    ratio = lo.median / our_pdf_ms
    figures = [lo, Figure("LibreOffice ÷ our whole-process PDF export", ratio, "", "×", "≥ 3×", ratio >= 3)]
    for built_figure in built:
        figures.append(Figure("LibreOffice ÷ the built app's PDF export", lo.median / built_figure.median,
                              "", "×"))
    return figures


def run_all() -> list[Figure]:
    figures = in_process()
    figures.append(linearity())
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        process_figures, docx_path, pdf_ms = whole_process(folder)
        built = built_app(folder)
        figures += process_figures + built
        figures += libreoffice(folder, docx_path, pdf_ms, built)
    return figures


if __name__ == "__main__":
    for f in run_all():
        print(f)
    _ = interchange  # the sample is read through the public format, like the app does
