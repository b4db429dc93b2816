"""Office files to PDF with LibreOffice, where it is installed (the combined PDF's bilag).

One headless `soffice` run converts all of a meeting's files (starting LibreOffice costs
about a second; each file after that a fraction). It gets a profile of its own in a
temporary folder (-env:UserInstallation), so it neither disturbs nor waits for a
LibreOffice the user has open, and a time limit, so a file that hangs it cannot hang the
export: what did not become a PDF in time is simply not converted.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

SECONDS_TO_START = 60  # a cold start on a slow machine, with the profile to create
SECONDS_PER_FILE = 30


def find_soffice() -> str | None:
    """LibreOffice's program: on the PATH, or where its Windows and macOS installers put it."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    candidates: list[Path] = []
    if sys.platform == "win32":
        for folder in (os.environ.get("PROGRAMFILES", ""), os.environ.get("PROGRAMFILES(X86)", "")):
            if folder:
                candidates.append(Path(folder) / "LibreOffice" / "program" / "soffice.exe")
    elif sys.platform == "darwin":
        candidates.append(Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"))
    return next((str(c) for c in candidates if c.is_file()), None)


def convert_to_pdf(files: list[Path], out_dir: Path, soffice: str) -> dict[Path, Path]:
    """Each of `files` that LibreOffice converted -> its PDF in `out_dir`. Input names must
    differ in their stem (the PDF is named after it)."""
    if not files:
        return {}
    with tempfile.TemporaryDirectory(prefix="referat-soffice-") as profile:
        command = [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
                   "--nologo", "--nolockcheck", "--convert-to", "pdf", "--outdir", str(out_dir),
                   *(str(f) for f in files)]
        _run(command, SECONDS_TO_START + SECONDS_PER_FILE * len(files))
    converted = {f: out_dir / f"{f.stem}.pdf" for f in files}
    return {source: pdf for source, pdf in converted.items() if pdf.is_file() and pdf.stat().st_size > 0}


def _run(command: list[str], timeout: float) -> None:
    """Run LibreOffice; past `timeout` stop it and all it started (soffice is a launcher
    whose soffice.bin would otherwise live on). Whatever it finished before is used; the
    rest is named as not converted."""
    try:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, start_new_session=sys.platform != "win32")
    except OSError:
        return
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        if sys.platform == "win32":
            process.kill()
        else:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
