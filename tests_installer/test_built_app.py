"""The PyInstaller build, started as a user would: no Python, no venv on its path.

Run by `make installer-test` (a separate CI step: building takes about a minute).
"""

import os
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "dist" / "Referat"
SAMPLE = ROOT / "resources" / "samples" / "direktionen-2019-12-16.json"


def run(name, *args, **kwargs):
    exe = APP / (name + (".exe" if os.name == "nt" else ""))
    if not exe.exists():
        pytest.fail(f"{exe} is missing: run `make installer` first")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["PATH"] = "/usr/bin:/bin"
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=120, env=env, **kwargs)


def test_both_programs_print_the_version():
    from referat_desktop import __version__

    assert run("referat", "--version").stdout.strip() == f"referat {__version__}"
    assert run("referat-desktop", "--version").stdout.strip() == f"referat-desktop {__version__}"


def test_built_command_line_exports_the_sample_meeting_to_pdf(tmp_path):
    db = tmp_path / "r.sqlite"
    imported = run("referat", "import", str(SAMPLE), "--db", str(db))
    assert imported.returncode == 0, imported.stderr
    meeting_id = imported.stdout.strip()
    out = tmp_path / "referat.pdf"
    exported = run("referat", "export", meeting_id, "--format", "pdf", "-o", str(out), "--db", str(db))
    assert exported.returncode == 0, exported.stderr
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert "REFERAT Direktionen d. 16-12-2019" in text
    assert "Punkt 6: Handlingsplan for vækstpolitik" in text


def test_built_command_line_lists_and_exports_word(tmp_path):
    """The other commands of the contract, through the built app's own module graph."""
    from docx import Document

    db = tmp_path / "r.sqlite"
    assert run("referat", "import", str(SAMPLE), "--db", str(db)).returncode == 0
    assert run("referat", "list", "--db", str(db)).stdout == "1\t2019-12-16\tDirektionen\t6\n"
    out = tmp_path / "referat.docx"
    exported = run("referat", "export", "1", "--format", "docx", "-o", str(out), "--db", str(db))
    assert exported.returncode == 0, exported.stderr
    assert any("Handlingsplan for vækstpolitik" in p.text for p in Document(str(out)).paragraphs)


def test_built_command_line_writes_the_combined_pdf(tmp_path):
    """`--with-attachments`: pdf_combine.py and pypdf are in the bundle (imported by name)."""
    import base64
    import io
    import json

    from reportlab.pdfgen.canvas import Canvas

    bilag = io.BytesIO()
    canvas = Canvas(bilag)
    canvas.drawString(72, 400, "BILAGETS TEKST")
    canvas.showPage()
    canvas.save()
    meeting = {"format": "referat/1", "meetings": [{"body": "B", "date": "2026-11-30", "items": [
        {"title": "Budget", "attachments": [{"name": "Notat.pdf", "media_type": "application/pdf",
                                             "data": base64.b64encode(bilag.getvalue()).decode()}]}]}]}
    (tmp_path / "m.json").write_text(json.dumps(meeting), encoding="utf-8")
    db, out = tmp_path / "r.sqlite", tmp_path / "samlet.pdf"
    assert run("referat", "import", str(tmp_path / "m.json"), "--db", str(db)).returncode == 0
    exported = run("referat", "export", "1", "--format", "pdf", "--with-attachments", "-o", str(out),
                   "--db", str(db))
    assert exported.returncode == 0, exported.stderr
    last = PdfReader(out).pages[-1].extract_text()
    assert "BILAGETS TEKST" in last and "Bilag 1.1: Notat.pdf" in last


def test_bundle_holds_what_printing_and_fast_pdf_need():
    internal = APP / "_internal"
    assert list(internal.glob("pypdfium2_raw/*pdfium*")), "pypdfium2's binary (printing) is missing"
    assert list(internal.glob("_rl_accel*")), "reportlab's accelerator is missing"
    fonts = internal / "referat_desktop" / "resources" / "fonts"
    assert (fonts / "LiberationSans-Regular.ttf").exists()
    # The PDF's fallback for characters Liberation Sans lacks (☃ ✓ ☐ ★), with its licence.
    assert (fonts / "DejaVuSans.ttf").exists() and (fonts / "DejaVuSans-Bold.ttf").exists()
    assert (fonts / "LICENSE-DejaVuSans.txt").exists()
    dictionaries = internal / "referat_desktop" / "resources" / "dictionaries"
    for name in ("da_DK.aff", "da_DK.dic", "LICENSE-da_DK.txt"):  # the spell check, offline
        assert (dictionaries / name).exists(), name
    assert (internal / "babel" / "locale-data" / "da.dat").exists()
    assert (internal / "PySide6" / "Qt" / "translations" / "qtbase_da.qm").exists(), \
        "Qt's Danish catalogue is missing: Ja/Nej and the text menus would be English"


def test_built_window_starts_and_stays_up(tmp_path):
    proc = subprocess.Popen(
        [str(APP / "referat-desktop"), "--db", str(tmp_path / "w.sqlite")],
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    try:
        with pytest.raises(subprocess.TimeoutExpired):
            proc.wait(timeout=8)  # still running: it did not crash on start
    finally:
        proc.kill()
        _, err = proc.communicate()
    assert b"Traceback" not in err
    # The spell check loaded the shipped dictionary through the bundled pyenchant: Enchant
    # made its own files beside the links to ours in the user's data folder.
    enchant_folder = tmp_path / ".local" / "share" / "Referat" / "stavekontrol"
    assert (enchant_folder / "hunspell" / "da_DK.dic").exists()
    assert (enchant_folder / "da_DK.exc").exists(), err.decode(errors="replace")[-2000:]
