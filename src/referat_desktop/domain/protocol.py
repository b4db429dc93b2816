"""What the law asks the decision protocol to show per item (kommunestyrelsesloven §§ 13-14).

Recorded live during the meeting, printed inside the item's decision section, in this
order: who was absent for the item, who declared themselves inhabil (and left the room),
the votes, and the protokoltilførsler (a member's dissent, asked for during the meeting).
Names and party letters are kept exactly as typed or picked, in the order given; nothing
here turns names into letters or back.

In referat/1 JSON the four lists sit on the item under the keys `absent`, `conflicts`,
`votes` (a vote's sides as `for`, `against`, `abstain`) and `statements`; all optional,
empty by default.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Conflict:
    """A member declared inhabil in the item (§ 14); `note` says why, if given."""

    name: str
    note: str = ""


@dataclass
class Vote:
    """One vote: names or party letters on each side, and the result as free text."""

    motion: str = ""
    in_favour: list[str] = field(default_factory=list)  # JSON "for"
    against: list[str] = field(default_factory=list)
    abstain: list[str] = field(default_factory=list)
    result: str = ""


@dataclass
class Statement:
    """A protokoltilførsel: who asked for it (a name or a party letter) and the text."""

    by: str
    text: str


@dataclass
class Protocol:
    """What the protocol records for one item: who was absent, conflicts of interest, votes."""

    absent: list[str] = field(default_factory=list)  # members not present for this item
    conflicts: list[Conflict] = field(default_factory=list)
    votes: list[Vote] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.absent or self.conflicts or self.votes or self.statements)

    def to_json(self) -> dict[str, object]:
        """The four lists under their referat/1 keys (also how the store keeps them)."""
        return {
            "absent": list(self.absent),
            "conflicts": [{"name": c.name, "note": c.note} for c in self.conflicts],
            "votes": [
                {"motion": v.motion, "for": list(v.in_favour), "against": list(v.against),
                 "abstain": list(v.abstain), "result": v.result}
                for v in self.votes
            ],
            "statements": [{"by": s.by, "text": s.text} for s in self.statements],
        }

    @classmethod
    def from_json(cls, raw: dict[str, object]) -> Protocol:
        """Back from `to_json` (trusted input: the store's own column). Imported JSON is
        checked by domain/interchange.py first."""
        def dicts(key: str) -> list[dict[str, object]]:
            value = raw.get(key) or []
            assert isinstance(value, list)
            return value

        def texts(value: object) -> list[str]:
            return [str(v) for v in value] if isinstance(value, list) else []

        return cls(
            absent=texts(raw.get("absent")),
            conflicts=[Conflict(str(c["name"]), str(c.get("note", ""))) for c in dicts("conflicts")],
            votes=[Vote(str(v.get("motion", "")), texts(v.get("for")), texts(v.get("against")),
                        texts(v.get("abstain")), str(v.get("result", ""))) for v in dicts("votes")],
            statements=[Statement(str(s["by"]), str(s["text"])) for s in dicts("statements")],
        )
