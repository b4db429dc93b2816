"""The meetings every HTML test renders, in every variant the registry gives the html format:
both shipped samples, and a meeting with nested lists, a closed item, awkward text and an
approval (so the status footer and the signature sheet are there)."""

from __future__ import annotations

import datetime as dt
import io

from referat_desktop.domain import interchange
from referat_desktop.domain.model import Approval, Attachment, Item, Meeting, Section, SectionKind
from referat_desktop.domain.texts import Variant
from referat_desktop.export import formats
from referat_desktop.export.pipeline import render
from referat_desktop.resources_path import SAMPLE_MEETINGS, resource

NESTED_LISTS = """Indledning med **fed** og *kursiv* tekst.

- Første punkt
  1. Under et
  2. Under to
     - Dybt nede
- Andet punkt

3. Tre
4. Fire

### Underoverskrift

Afsluttende tekst."""

LONG_WORD = "Fjernvarmeforsyningsselskabsbestyrelsesmedlemsvalgregler" * 4  # wider than a phone
AWKWARD_TITLE = 'Pris <b>&"\'> og R&D <script>alert(1)</script>'


def sample(parts: tuple[str, str]) -> Meeting:
    return interchange.loads(resource(*parts).read_text(encoding="utf-8"))[0]


def nested_meeting() -> Meeting:
    return Meeting(
        body="Teknik- og Miljøudvalget", date=dt.date(2026, 11, 30), time="16:00", location="Byrådssalen",
        participants=["Anna Holm", "Bo Jensen (V)"], secretary="Carla Nielsen", signature_sheet=True,
        approval=Approval(dt.date(2026, 12, 2), "Anna Holm", "0" * 64),
        items=[
            Item(title="Lister i lister", case_number="26/1234", sections=[
                Section(SectionKind.SAGSFREMSTILLING, NESTED_LISTS),
                Section(SectionKind.BESLUTNING, f"Godkendt. {LONG_WORD}"),
            ], attachments=[Attachment("Bilag 1.pdf"), Attachment(LONG_WORD + ".docx")]),
            Item(title="Salg af grund", case_number="26/99", closed=True, sections=[
                Section(SectionKind.SAGSFREMSTILLING, "Fortroligt: prisen er 4 mio. kr."),
                Section(SectionKind.BESLUTNING, "Solgt."),
            ]),
            Item(title=AWKWARD_TITLE, sections=[
                Section(SectionKind.BAGGRUND, 'Tekst med <i>tags</i>, & og "citat".\\\nNy linje.'),
            ]),
        ],
    )


def html_variants() -> tuple[Variant, ...]:
    """Every variant the html format takes (the public agenda too, once it is one)."""
    return formats.export_format("html").variants


def cases() -> dict[str, Meeting]:
    return {"direktionen": sample(SAMPLE_MEETINGS[0]), "oekonomiudvalget": sample(SAMPLE_MEETINGS[1]),
            "nested": nested_meeting()}


def html_of(meeting: Meeting, variant: Variant) -> str:
    out = io.BytesIO()
    assert render(meeting, "html", variant, out) == []
    return out.getvalue().decode("utf-8")
