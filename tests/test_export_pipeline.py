"""export/pipeline.py's atomic write: what the message says when a write or a read fails."""

import errno

import pytest

from referat_desktop.export.errors import ExportError
from referat_desktop.export.pipeline import atomic_write


def test_a_file_the_renderer_cannot_read_is_named_and_the_old_export_kept(tmp_path):
    target = tmp_path / "referat.docx"
    target.write_bytes(b"the old export")
    missing = tmp_path / "bundle" / "docx" / "parts" / ".." / "templates" / "default-footer.xml"

    def render(out):
        out.write(b"half a document")
        missing.open("rb")  # as python-docx does for its default parts

    with pytest.raises(ExportError) as caught:
        atomic_write(target, render)
    message = str(caught.value)
    assert str(missing) in message and "kunne ikke læse" in message and "kunne ikke skrive" not in message
    assert target.read_bytes() == b"the old export"
    assert [p.name for p in tmp_path.iterdir()] == ["referat.docx"]  # no temporary file left


def test_a_full_disk_is_a_write_error(tmp_path):
    target = tmp_path / "referat.pdf"

    def render(out):
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(ExportError, match="kunne ikke skrive .*No space left on device"):
        atomic_write(target, render)
    assert not target.exists()
