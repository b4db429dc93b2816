"""Property test: any sequence of store edits, reloaded from the file, gives the same
meetings as a pure in-memory model of the same edits; and the result survives a JSON
export and import unchanged (and exports to the same JSON again)."""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

sys.path.insert(0, str(Path(__file__).resolve().parent))

from referat_desktop.domain import interchange  # noqa: E402
from referat_desktop.domain.model import SectionKind  # noqa: E402
from referat_desktop.store import Store  # noqa: E402
from store_model import Edit, apply_to_model, apply_to_store, snapshot  # noqa: E402

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
dates = st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31)).map(dt.date.isoformat)
index = st.integers(0, 50)  # taken modulo the length of what it points into
item_specs = st.fixed_dictionaries(
    {
        "title": text,
        "case_number": text,
        "closed": st.booleans(),
        "sections": st.lists(
            st.tuples(st.sampled_from([k.value for k in SectionKind][:4]), text), max_size=4
        ),
    }
)
meeting_specs = st.fixed_dictionaries(
    {"body": text, "date": dates, "participants": st.lists(text, max_size=3),
     "items": st.lists(item_specs, max_size=4)}
)


class StoreAgainstModel(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = tempfile.TemporaryDirectory()
        self.path = Path(self.folder.name) / "referat.sqlite"
        self.store = Store.open(self.path)
        self.model: list = []

    def do(self, edit: Edit) -> None:
        apply_to_store(self.store, edit)
        self.model = apply_to_model(self.model, edit)

    def pick(self, m: int, i: int | None = None, s: int | None = None) -> dict | None:
        """Indices into the model, or None when there is nothing there to point at."""
        meeting = self.model[m % len(self.model)]
        where = {"m": m % len(self.model)}
        if i is not None:
            if not meeting.items:
                return None
            where["i"] = i % len(meeting.items)
            if s is not None:
                sections = meeting.items[where["i"]].sections
                if not sections:
                    return None
                where["s"] = s % len(sections)
        return where

    @rule(meetings=st.lists(meeting_specs, min_size=1, max_size=2))
    def import_meetings(self, meetings):
        self.do({"op": "import", "meetings": meetings})

    @precondition(lambda self: self.model)
    @rule(m=index, today=dates)
    def new_meeting_from_this(self, m, today):
        self.do({"op": "follow_up", **self.pick(m), "today": today})

    @precondition(lambda self: self.model)
    @rule(m=index, location=text, participants=st.lists(text, max_size=3), absent=st.lists(text, max_size=2),
          date=dates, time=st.sampled_from(["", "09:00", "16:30"]))
    def update_meeting(self, m, **facts):
        self.do({"op": "update_meeting", **self.pick(m), "facts": facts})

    @precondition(lambda self: self.model)
    @rule(m=index)
    def delete_meeting(self, m):
        self.do({"op": "delete_meeting", **self.pick(m)})

    @precondition(lambda self: self.model)
    @rule(m=index, pos=st.integers(-2, 8), item=item_specs)
    def add_item(self, m, pos, item):
        self.do({"op": "add_item", **self.pick(m), "pos": pos, "item": item})

    @precondition(lambda self: self.model)
    @rule(m=index, i=index)
    def delete_item(self, m, i):
        if where := self.pick(m, i):
            self.do({"op": "delete_item", **where})

    @precondition(lambda self: self.model)
    @rule(m=index, i=index, to=st.integers(-2, 8))
    def move_item(self, m, i, to):
        if where := self.pick(m, i):
            self.do({"op": "move_item", **where, "to": to})

    @precondition(lambda self: self.model)
    @rule(m=index, i=index, title=text, closed=st.booleans())
    def update_item(self, m, i, title, closed):
        if where := self.pick(m, i):
            self.do({"op": "update_item", **where, "fields": {"title": title, "closed": closed}})

    @precondition(lambda self: self.model)
    @rule(m=index, i=index, s=index, new_text=text)
    def type_into_section(self, m, i, s, new_text):
        if where := self.pick(m, i, s):
            self.do({"op": "set_text", **where, "text": new_text})

    @precondition(lambda self: self.model)
    # referat/1 requires an extra section's heading (the store does not check it; see
    # the report of issue 5), so only headings JSON can carry back are generated here.
    @rule(m=index, i=index, heading=text.filter(str.strip), new_text=text)
    def add_extra_section(self, m, i, heading, new_text):
        if where := self.pick(m, i):
            self.do({"op": "add_section", **where, "heading": heading, "text": new_text})

    @precondition(lambda self: self.model)
    @rule(m=index, i=index, s=index)
    def delete_section(self, m, i, s):
        if where := self.pick(m, i, s):
            self.do({"op": "delete_section", **where})

    @precondition(lambda self: self.model)
    @rule(m=index, i=index, names=st.lists(text, max_size=3))
    def set_attachments(self, m, i, names):
        if where := self.pick(m, i):
            self.do({"op": "set_attachments", **where, "names": names})

    @rule()
    def close_and_reopen(self):
        self.store.close()
        self.store = Store.open(self.path)
        assert snapshot(self.store) == self.model

    @invariant()
    def file_matches_model(self):
        assert snapshot(self.store) == self.model

    def teardown(self):
        try:
            found = snapshot(self.store)
        finally:
            self.store.close()
        # JSON export of the result, imported into a fresh file, gives the same meetings,
        # and exporting those again gives the same text.
        exported = interchange.dumps(found)
        fresh = Store.open(Path(self.folder.name) / "fresh.sqlite")
        try:
            fresh.import_meetings(interchange.loads(exported))
            again = snapshot(fresh)
        finally:
            fresh.close()
        self.folder.cleanup()
        assert again == found == self.model
        assert interchange.dumps(again) == exported


StoreAgainstModel.TestCase.settings = settings(
    max_examples=30, stateful_step_count=20, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
test_store_matches_model = StoreAgainstModel.TestCase
