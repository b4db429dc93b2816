"""The export formats, declared once: the command line's `--format` choices, the window's
Eksport menu and the save dialog's filters all come from `FORMATS`.

A format is a renderer module plus one line here. The renderer is named by
"module:function" and imported only when that format is written, so a JSON export never
loads reportlab or python-docx and `referat` starts fast. Every renderer's entry function
takes a `RenderInput` (what the pipeline prepared for it) and an open binary file, and
returns what it had to leave out (`ExportWarning`s). No renderer imports another: what
one format needs from another (the Word TOC's page numbers come from the PDF layout) the
pipeline computes and hands over (`uses_item_pages`).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import BinaryIO, Protocol, cast

from referat_desktop.domain.model import Meeting
from referat_desktop.domain.texts import Variant
from referat_desktop.export.document import Document
from referat_desktop.export.errors import ExportError, ExportWarning

ALL_VARIANTS = (Variant.MINUTES, Variant.AGENDA, Variant.PUBLIC, Variant.PUBLIC_AGENDA)


@dataclass(frozen=True)
class RenderInput:
    """What the pipeline hands a renderer: the meeting, and what the format's registry
    line asked to be prepared (`uses_document`, `uses_item_pages`)."""

    meeting: Meeting
    variant: Variant
    document: Document | None = None  # built once from the meeting for this variant
    item_pages: Mapping[str, int] = field(default_factory=dict)  # level-1 heading key -> PDF page

    def require_document(self) -> Document:
        if self.document is None:
            raise ValueError("this format's registry line must set uses_document")
        return self.document


class Renderer(Protocol):
    def __call__(self, source: RenderInput, out: BinaryIO) -> list[ExportWarning]: ...


@dataclass(frozen=True)
class MenuEntry:
    """One entry of the window's Eksport menu."""

    variant: Variant
    label: str  # the menu text with its mnemonic
    position: int  # place in the menu; a separator goes between entries of different variants,
    # so each variant's entries are numbered together (Word, PDF, web page), then the next
    shortcut: str = ""


@dataclass(frozen=True)
class ExportFormat:
    """One line of the format registry."""

    name: str  # `referat export --format NAME`, and the file suffix
    file_filter: str  # the save dialog's filter, in Danish
    renderer: str  # "module:function" (a `Renderer`), imported on first use
    uses_document: bool = True  # the renderer reads the neutral document model (build.py)
    uses_item_pages: bool = False  # ... and the page each item starts on in the PDF
    variants: tuple[Variant, ...] = ALL_VARIANTS
    menu: tuple[MenuEntry, ...] = ()  # none: the command line only
    # The renderer of the document followed by its bilag (`--with-attachments`), if any.
    with_attachments: str = ""
    attachments_menu: tuple[MenuEntry, ...] = ()  # its Eksport menu entries

    @property
    def suffix(self) -> str:
        return f".{self.name}"

    @property
    def module(self) -> str:
        """The renderer's module (the installer lists it: it is imported by name)."""
        return self.renderer.partition(":")[0]

    @property
    def modules(self) -> tuple[str, ...]:
        """Every module the format's renderers are imported from (the installer lists them)."""
        return tuple(name.partition(":")[0] for name in (self.renderer, self.with_attachments) if name)

    def load(self, with_attachments: bool = False) -> Renderer:
        name = self.with_attachments if with_attachments else self.renderer
        if not name:
            raise ExportError(f"formatet {self.name} kan ikke eksporteres med bilag; vælg pdf")
        module, _, function = name.partition(":")
        return cast(Renderer, getattr(importlib.import_module(module), function))


FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("docx", "Word-dokument (*.docx)", "referat_desktop.export.docx:render_export",
                 uses_item_pages=True, menu=(
                     MenuEntry(Variant.MINUTES, "Referat som &Word…", 1, "Ctrl+E"),
                     MenuEntry(Variant.AGENDA, "&Dagsorden som Word…", 4),
                     MenuEntry(Variant.PUBLIC, "Offentlig udgave som Wo&rd…", 8),
                     MenuEntry(Variant.PUBLIC_AGENDA, "Offentlig d&agsorden som Word…", 11))),
    ExportFormat("pdf", "PDF-dokument (*.pdf)", "referat_desktop.export.pdf:render_export", menu=(
                     MenuEntry(Variant.MINUTES, "Referat som &PDF…", 2),
                     MenuEntry(Variant.AGENDA, "Dagsorden som PD&F…", 5),
                     MenuEntry(Variant.PUBLIC, "&Offentlig udgave som PDF…", 7),
                     MenuEntry(Variant.PUBLIC_AGENDA, "Offentlig da&gsorden som PDF…", 10)),
                 with_attachments="referat_desktop.export.pdf_combine:render_combined",
                 attachments_menu=(
                     MenuEntry(Variant.MINUTES, "Samlet PDF med bi&lag…", 1),
                     MenuEntry(Variant.AGENDA, "Samlet dagsorden med b&ilag (PDF)…", 2),
                     MenuEntry(Variant.PUBLIC, "Samlet offentlig PDF med &bilag…", 3),
                     MenuEntry(Variant.PUBLIC_AGENDA, "Samlet offentlig dagsorde&n med bilag (PDF)…", 4))),
    ExportFormat("json", "referat/1 JSON (*.json)", "referat_desktop.export.json_export:render_export",
                 uses_document=False, menu=(
                     MenuEntry(Variant.MINUTES, "Mødet som &JSON (referat/1)…", 50),)),
    ExportFormat("html", "Webside (*.html)", "referat_desktop.export.html:render_export",
                 variants=ALL_VARIANTS, menu=(
                     MenuEntry(Variant.MINUTES, "Referat som web&side (HTML)…", 3),
                     MenuEntry(Variant.AGENDA, "Dagsorden som webside (&HTML)…", 6),
                     MenuEntry(Variant.PUBLIC, "Offentlig udgave som webside (H&TML)…", 9),
                     MenuEntry(Variant.PUBLIC_AGENDA, "Offentlig dagsorden som webside (HT&ML)…", 12))),
)


def format_names() -> list[str]:
    return [f.name for f in FORMATS]


def export_format(name: str) -> ExportFormat:
    for candidate in FORMATS:
        if candidate.name == name:
            return candidate
    names = format_names()
    raise ExportError(f"ukendt format {name!r}; vælg {', '.join(names[:-1])} eller {names[-1]}")


def menu_entries() -> list[tuple[ExportFormat, MenuEntry]]:
    """The Eksport menu in order: (format, entry)."""
    return sorted(((f, entry) for f in FORMATS for entry in f.menu), key=lambda pair: pair[1].position)


def attachments_menu_entries() -> list[tuple[ExportFormat, MenuEntry]]:
    """The Eksport menu's entries for a document with its bilag, in order, after the others."""
    return sorted(((f, entry) for f in FORMATS for entry in f.attachments_menu),
                  key=lambda pair: pair[1].position)
