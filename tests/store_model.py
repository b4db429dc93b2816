"""A pure in-memory model of the store's edits, for the kill test and the property tests.

An edit is a small JSON-able dict that addresses meetings, items and sections by their
index (meetings in the order they were added, which is id order; items and sections in
their stored order), so the same edit can be applied to a real Store and to the model,
and the two compared without knowing the ids SQLite hands out.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import random
from typing import Any

from referat_desktop.domain.model import Attachment, Item, Meeting, Section, SectionKind
from referat_desktop.domain.recurring import next_meeting
from referat_desktop.store import Store

Edit = dict[str, Any]
WORDS = ["Godkendt", "økonomi", "Ældreråd", "bæredygtig", "år", "R&D", "<b>", "1)", "*", "🙂", "kr.",
         "§ 17"]


def make_item(spec: dict[str, Any]) -> Item:
    return Item(
        title=spec["title"],
        case_number=spec.get("case_number", ""),
        closed=spec.get("closed", False),
        sections=[Section(SectionKind(kind), text) for kind, text in spec.get("sections", [])],
    )


def make_meeting(spec: dict[str, Any]) -> Meeting:
    return Meeting(
        body=spec["body"],
        date=dt.date.fromisoformat(spec["date"]),
        participants=list(spec.get("participants", [])),
        items=[make_item(i) for i in spec.get("items", [])],
    )


def strip_ids(meeting: Meeting) -> Meeting:
    def item(it: Item) -> Item:
        return dataclasses.replace(
            it,
            id=None,
            sections=[dataclasses.replace(s, id=None) for s in it.sections],
            attachments=[dataclasses.replace(a, id=None) for a in it.attachments],
        )

    return dataclasses.replace(meeting, id=None, items=[item(i) for i in meeting.items])


def snapshot(store: Store) -> list[Meeting]:
    """Every meeting in the file, in id order, without ids."""
    ids = [r[0] for r in store.db.execute("SELECT id FROM meetings ORDER BY id")]
    return [strip_ids(store.get_meeting(i)) for i in ids]


def _facts(edit: Edit) -> dict[str, Any]:
    facts = dict(edit["facts"])
    if "date" in facts:
        facts["date"] = dt.date.fromisoformat(facts["date"])
    return facts


def apply_to_model(model: list[Meeting], edit: Edit, in_place: bool = False) -> list[Meeting]:
    """The model after `edit` (a new list, unless `in_place`)."""
    if not in_place:
        model = copy.deepcopy(model)
    op = edit["op"]
    if op == "import":
        model.extend(make_meeting(m) for m in edit["meetings"])
    elif op == "follow_up":
        model.append(strip_ids(next_meeting(model[edit["m"]], dt.date.fromisoformat(edit["today"]))))
    elif op == "update_meeting":
        for name, value in _facts(edit).items():
            setattr(model[edit["m"]], name, value)
    elif op == "delete_meeting":
        del model[edit["m"]]
    else:
        items = model[edit["m"]].items
        if op == "add_item":
            items.insert(max(0, min(edit["pos"], len(items))), make_item(edit["item"]))
        elif op == "delete_item":
            del items[edit["i"]]
        elif op == "move_item":
            moved = items.pop(edit["i"])
            items.insert(max(0, min(edit["to"], len(items))), moved)
        elif op == "update_item":
            for name, value in edit["fields"].items():
                setattr(items[edit["i"]], name, value)
        elif op == "set_text":
            items[edit["i"]].sections[edit["s"]].text = edit["text"]
        elif op == "add_section":
            extra = Section(SectionKind.EXTRA, edit["text"], heading=edit["heading"])
            items[edit["i"]].sections.append(extra)
        elif op == "delete_section":
            del items[edit["i"]].sections[edit["s"]]
        elif op == "set_attachments":
            items[edit["i"]].attachments = [Attachment(name) for name in edit["names"]]
        else:
            raise ValueError(f"unknown edit {op}")
    return model


def apply_to_store(store: Store, edit: Edit) -> None:
    """Make `edit` through the store's public methods, one transaction each."""
    op = edit["op"]
    meeting_ids = [r[0] for r in store.db.execute("SELECT id FROM meetings ORDER BY id")]
    if op == "import":
        store.import_meetings([make_meeting(m) for m in edit["meetings"]])
        return
    meeting_id = meeting_ids[edit["m"]]
    if op == "follow_up":
        store.add_meeting(next_meeting(store.get_meeting(meeting_id), dt.date.fromisoformat(edit["today"])))
    elif op == "update_meeting":
        store.update_meeting(meeting_id, **_facts(edit))
    elif op == "delete_meeting":
        store.delete_meeting(meeting_id)
    elif op == "add_item":
        store.add_item(meeting_id, make_item(edit["item"]), edit["pos"])
    else:
        item_id = store.item_ids(meeting_id)[edit["i"]]
        if op == "delete_item":
            store.delete_item(item_id)
        elif op == "move_item":
            store.move_item(item_id, edit["to"])
        elif op == "update_item":
            store.update_item(item_id, **edit["fields"])
        elif op == "add_section":
            store.add_section(item_id, Section(SectionKind.EXTRA, edit["text"], heading=edit["heading"]))
        elif op == "set_attachments":
            store.set_attachments(item_id, [Attachment(name) for name in edit["names"]])
        else:
            section_id = store.get_item(item_id).sections[edit["s"]].id
            if op == "set_text":
                store.set_section_text(section_id, edit["text"])
            elif op == "delete_section":
                store.delete_section(section_id)
            else:
                raise ValueError(f"unknown edit {op}")


# --- random edits for the kill test ------------------------------------------------------


def random_text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def random_item_spec(rng: random.Random, n: int) -> dict[str, Any]:
    title = rng.choice(["Eventuelt", "Meddelelser", "Budget", "Lokalplan", "Skolestruktur"])
    return {
        "title": f"{title} {n}",
        "case_number": f"26/{n:05d}",
        "sections": [[kind.value, random_text(rng, rng.randint(0, 30))] for kind in list(SectionKind)[:4]],
    }


def random_meeting_spec(rng: random.Random, n: int) -> dict[str, Any]:
    date = dt.date(2026, 1, 5) + dt.timedelta(days=7 * rng.randint(0, 50))
    return {
        "body": rng.choice(["Økonomiudvalget", "Direktionen", "Børne- og Skoleudvalget"]),
        "date": date.isoformat(),
        "participants": [f"Deltager {k}" for k in range(rng.randint(0, 6))],
        "items": [random_item_spec(rng, n * 100 + k) for k in range(rng.randint(1, 25))],
    }


def random_edit(rng: random.Random, model: list[Meeting], n: int) -> Edit:
    """A valid edit for the current model; typing is the most frequent, as in a meeting."""
    if len(model) < 2:
        meetings = [random_meeting_spec(rng, n + k) for k in range(rng.randint(1, 3))]
        return {"op": "import", "meetings": meetings}
    m = rng.randrange(len(model))
    items = model[m].items
    choices = ["set_text"] * 6 + ["add_item", "move_item", "update_meeting", "update_item", "add_section",
                                   "set_attachments", "follow_up", "import"]
    # Keep the file small enough that every kill cycle stays quick.
    choices += ["delete_item"] * (2 if len(items) > 12 else len(items) > 3)
    choices += ["delete_meeting"] * (4 if len(model) > 8 else len(model) > 5)
    choices += ["delete_section"]
    op = rng.choice(choices)
    if not items and op not in ("add_item", "update_meeting", "follow_up", "import", "delete_meeting"):
        op = "add_item"
    if op == "import":
        return {"op": op, "meetings": [random_meeting_spec(rng, n)]}
    if op == "follow_up":
        return {"op": op, "m": m, "today": "2026-11-27"}
    if op == "delete_meeting":
        return {"op": op, "m": m}
    if op == "update_meeting":
        facts = {"location": random_text(rng, 2), "participants": [random_text(rng, 1)] * rng.randint(0, 3),
                 "date": (dt.date(2026, 1, 1) + dt.timedelta(days=rng.randint(0, 700))).isoformat()}
        return {"op": op, "m": m, "facts": facts}
    if op == "add_item":
        return {"op": op, "m": m, "pos": rng.randint(0, len(items) + 1), "item": random_item_spec(rng, n)}
    i = rng.randrange(len(items))
    sections = items[i].sections
    if op in ("set_text", "delete_section") and not sections:
        op = "add_section"
    if op == "set_text":
        s = rng.randrange(len(sections))
        old = sections[s].text
        text = old + " " + random_text(rng, rng.randint(1, 8)) if len(old) < 4000 else random_text(rng, 5)
        return {"op": op, "m": m, "i": i, "s": s, "text": text}
    if op == "delete_section":
        return {"op": op, "m": m, "i": i, "s": rng.randrange(len(sections))}
    if op == "add_section":
        return {"op": op, "m": m, "i": i, "heading": random_text(rng, 2), "text": random_text(rng, 10)}
    if op == "move_item":
        return {"op": op, "m": m, "i": i, "to": rng.randint(0, len(items))}
    if op == "update_item":
        fields = {"title": random_text(rng, 3), "closed": rng.random() < 0.3}
        return {"op": op, "m": m, "i": i, "fields": fields}
    if op == "set_attachments":
        return {"op": op, "m": m, "i": i, "names": [f"bilag {k}.pdf" for k in range(rng.randint(0, 4))]}
    return {"op": "delete_item", "m": m, "i": i}
