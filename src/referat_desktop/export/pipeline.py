"""Writing an export to disk safely: a temporary file beside the target, then a rename.

An existing file at the target stays intact until the new one is complete, and a
target we cannot write to gets a plain message instead of a traceback. What a written
file had to leave out is returned as warnings (`ExportWarning`), never dropped silently.
"""

from __future__ import annotations

import contextlib
import gc
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from referat_desktop import file_modes
from referat_desktop.domain.model import Meeting
from referat_desktop.domain.texts import Variant
from referat_desktop.export import formats
from referat_desktop.export.errors import ExportError, ExportWarning
from referat_desktop.export.formats import ExportFormat, RenderInput


def write_export(meeting: Meeting, fmt: str, variant: Variant, target: Path,
                 with_attachments: bool = False) -> list[ExportWarning]:
    """Render `meeting` as the format named `fmt` (formats.FORMATS) into `target`; the file
    is written even when there are warnings (the PDF's: characters no font can draw).
    `with_attachments`: the document followed by its bilag (pdf_combine.py), each file
    read in chunks through its attachment (`Attachment.chunks`)."""
    export_format = formats.export_format(fmt)  # an unknown name fails before any file is touched
    if with_attachments:
        export_format.load(with_attachments=True)  # a format without bilag fails before too
    warnings: list[ExportWarning] = []
    atomic_write(target, lambda out: warnings.extend(
        render(meeting, export_format, variant, out, with_attachments)))
    return warnings


def render(meeting: Meeting, fmt: str | ExportFormat, variant: Variant, out: BinaryIO,
           with_attachments: bool = False) -> list[ExportWarning]:
    """Prepare what the format's registry line asks for, and hand it to its renderer."""
    export_format = fmt if isinstance(fmt, ExportFormat) else formats.export_format(fmt)
    if variant not in export_format.variants:
        raise ExportError(f"formatet {export_format.name} har ingen {variant.value} udgave")
    source = RenderInput(meeting, variant)
    if with_attachments:  # builds its document itself: it has to know the bilag first
        return export_format.load(with_attachments=True)(source, out)
    with _collector_eased():
        return _render_document(source, export_format, out)


# Objects made (net) between two runs of the young generation's collection while rendering.
RENDER_GC_THRESHOLD = 10_000


@contextlib.contextmanager
def _collector_eased() -> Iterator[None]:
    """Python's cycle collector runs less often while one document is rendered.

    A render makes tens of thousands of objects that live until it ends (flowables,
    fragments, structure elements). At the default threshold (700) the collector ran some
    260 times in a 200-item PDF and walked all of them twice in full: a tenth of its time.
    At 10,000 it runs some 20 times and never in full (measured with gc.callbacks), while
    cyclic garbage is still collected during the render, so memory stays bounded (the
    combined PDF, which streams its attachments, keeps the default)."""
    thresholds = gc.get_threshold()
    gc.set_threshold(max(thresholds[0], RENDER_GC_THRESHOLD), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def _render_document(source: RenderInput, export_format: ExportFormat, out: BinaryIO) -> list[ExportWarning]:
    meeting, variant = source.meeting, source.variant
    if export_format.uses_document:
        # Imported here, like the renderers (formats.py), so that a JSON export loads none
        # of markdown-it, reportlab or python-docx.
        from referat_desktop.export.build import build_document

        source = replace(source, document=build_document(meeting, variant))
    if export_format.uses_item_pages:
        # The page each item starts on in the PDF, computed once here for the renderer
        # that prints them (the Word TOC): no renderer imports another.
        from referat_desktop.export.pdf import item_start_pages

        source = replace(source, item_pages=item_start_pages(source.require_document()))
    return export_format.load()(source, out)


def atomic_write(target: Path, write: Callable[[BinaryIO], None]) -> None:
    target = Path(target)
    if target.is_dir():
        raise ExportError(f"{target} er en mappe; angiv et filnavn")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"mappen {folder} findes ikke")
    # Checked before rendering, and by the permission bits too: root (and some network
    # drives) would ignore them, but a file or folder marked read-only is meant to stay so.
    if _read_only(folder):
        raise ExportError(f"mappen {folder} er skrivebeskyttet; vælg en anden placering")
    if target.exists() and _read_only(target):
        raise ExportError(f"{target} er skrivebeskyttet; den eksisterende fil er ikke ændret")
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ExportError(f"kan ikke skrive i mappen {folder} ({exc.strerror})") from None
    try:
        _give_mode(fd, target)
        with os.fdopen(fd, "wb") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        if target.exists() and _read_only(target):
            raise ExportError(f"{target} er skrivebeskyttet; den eksisterende fil er ikke ændret")
        os.replace(temp_name, target)
    except OSError as exc:
        # Writing to the open temporary file fails without a file name (disk full, I/O);
        # a named file other than ours is one the renderer could not read.
        if exc.filename is not None and os.fspath(exc.filename) not in (temp_name, os.fspath(target)):
            raise ExportError(
                f"eksporten kunne ikke læse {exc.filename} ({exc.strerror}), som programmet selv skal"
                f" bruge; {target} er ikke ændret. Installér programmet igen."
            ) from None
        raise ExportError(
            f"kunne ikke skrive {target} ({exc.strerror}); en eksisterende fil er ikke ændret"
        ) from None
    finally:
        if os.path.exists(temp_name):
            os.unlink(temp_name)


def _give_mode(fd: int, target: Path) -> None:
    """mkstemp makes the temporary file 0600. A new export gets the user's normal
    permissions (file_modes.py: 0644 under umask 022), as any program's saved file does;
    one written over an existing file keeps that file's permissions."""
    with contextlib.suppress(OSError):  # a drive without permission bits: leave it be
        if target.exists():
            file_modes.set_fd_mode(fd, stat.S_IMODE(target.stat().st_mode))
        else:
            file_modes.give_normal_mode(fd)


def _read_only(path: Path) -> bool:
    return not path.stat().st_mode & 0o222 or not os.access(path, os.W_OK)
