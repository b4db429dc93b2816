"""The `referat/1` JSON format: validation messages name the place; round trips are exact."""

import copy
import datetime as dt
import json

import pytest

from referat_desktop.domain import interchange
from referat_desktop.domain.interchange import FormatError

VALID = {
    "format": "referat/1",
    "meetings": [
        {
            "body": "Direktionen",
            "date": "2019-12-16",
            "items": [
                {"title": "A"},
                {"title": "B"},
                {"title": "C"},
                {"title": "D", "sections": [{"kind": "baggrund", "text": "x"}]},
            ],
        }
    ],
}


def with_change(path, value):
    data = copy.deepcopy(VALID)
    target = data
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return json.dumps(data)


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (["meetings", 0, "items", 3, "title"], 7, "meetings[0].items[3].title: expected text"),
        (["meetings", 0, "items", 3, "title"], KeyError, "meetings[0].items[3].title: missing"),
        (["meetings", 0, "body"], KeyError, "meetings[0].body: missing"),
        (["meetings", 0, "date"], "16-12-2019", "meetings[0].date: expected a date as YYYY-MM-DD"),
        (["meetings", 0, "date"], KeyError, "meetings[0].date: missing"),
        (["meetings", 0, "time"], "9 o'clock", "meetings[0].time: expected a time as HH:MM"),
        (["meetings", 0, "participants"], "Lars", "meetings[0].participants: expected a list"),
        (["meetings", 0, "participants"], ["Lars", 3], "meetings[0].participants[1]: expected text"),
        (["meetings", 0, "items", 0, "closed"], "yes", "meetings[0].items[0].closed: expected true or false"),
        (["meetings", 0, "items", 3, "sections", 0, "kind"], "pause",
         "meetings[0].items[3].sections[0].kind"),
        (["meetings", 0, "items"], {}, "meetings[0].items: expected a list"),
        (["meetings", 0], [], "meetings[0]: expected an object"),
        (["meetings"], KeyError, "meetings: missing"),
        (["format"], "referat/2", 'format: expected "referat/1"'),
    ],
)
def test_bad_json_names_the_place(path, value, message):
    with pytest.raises(FormatError) as caught:
        interchange.loads(with_change(path, value))
    assert str(caught.value).startswith(message)


def test_truncated_json():
    with pytest.raises(FormatError, match="not valid JSON"):
        interchange.loads(json.dumps(VALID)[:-7])


def test_extra_section_without_heading_round_trips():
    text = with_change(["meetings", 0, "items", 0, "sections"], [{"kind": "extra", "text": "x"}])
    meeting = interchange.loads(text)[0]
    assert meeting.items[0].sections[0].heading == ""
    assert interchange.loads(interchange.dumps([meeting]))[0] == meeting


def test_unknown_fields_are_ignored_and_defaults_written():
    data = copy.deepcopy(VALID)
    data["generator"] = "other system"
    data["meetings"][0]["colour"] = "blue"
    meetings = interchange.loads(json.dumps(data))
    written = interchange.data_from_meetings(meetings)["meetings"][0]
    assert "colour" not in written
    assert written["time"] == "" and written["location"] == "" and written["secretary"] == ""
    assert written["participants"] == [] and written["absent"] == []
    assert written["items"][0] == {
        "title": "A", "case_number": "", "closed": False, "sections": [], "attachments": [],
        "absent": [], "conflicts": [], "votes": [], "statements": [], "corrections": [],
    }  # fmt: skip


def test_attachment_file_round_trips():
    text = with_change(
        ["meetings", 0, "items", 0, "attachments"],
        [{"name": "bilag.pdf", "data": "JVBERi0=", "media_type": "application/pdf"}],
    )
    meeting = interchange.loads(text)[0]
    assert meeting.items[0].attachments[0].data == b"%PDF-"
    again = interchange.loads(interchange.dumps([meeting]))[0]
    assert again.items[0].attachments[0] == meeting.items[0].attachments[0]


def test_sample_file_is_valid_and_complete(sample_meeting):
    assert sample_meeting.body == "Direktionen"
    assert [it.case_number for it in sample_meeting.items] == [
        "19/227", "19/18529", "19/4767", "19/23271", "14/26479", "18/8420"
    ]  # fmt: skip
    assert sample_meeting.items[2].title == "Udviklingsgreb i Charlottekvarteret"


# --- the decision protocol (issue 12) --------------------------------------------------

PROTOCOL = {
    "absent": ["Carla Nielsen (O)"],
    "conflicts": [{"name": "Bo Jensen (V)", "note": "Inhabil som bestyrelsesmedlem i foreningen"},
                  {"name": "Dorte Berg (A)"}],
    "votes": [{"motion": "Indstillingen", "for": ["A", "C", "V"], "against": ["Ø"], "abstain": ["F"],
               "result": "Godkendt"},
              {"for": ["Anne Hansen (A)"]}],
    "statements": [{"by": "Ø", "text": "Enhedslisten kan ikke støtte forslaget, da ..."}],
}


def with_protocol(**changes):
    data = copy.deepcopy(VALID)
    data["meetings"][0]["items"][2].update(copy.deepcopy(PROTOCOL), **changes)
    return data


def test_protocol_reads_and_writes_back_unchanged():
    meeting = interchange.loads(json.dumps(with_protocol()))[0]
    protocol = meeting.items[2].protocol
    assert protocol.absent == ["Carla Nielsen (O)"]
    assert [(c.name, c.note) for c in protocol.conflicts] == [
        ("Bo Jensen (V)", "Inhabil som bestyrelsesmedlem i foreningen"), ("Dorte Berg (A)", "")
    ]  # fmt: skip
    assert protocol.votes[0].in_favour == ["A", "C", "V"] and protocol.votes[0].result == "Godkendt"
    assert protocol.votes[1].motion == "" and protocol.votes[1].against == []
    assert protocol.statements[0].by == "Ø"
    written = interchange.data_from_meetings([meeting])["meetings"][0]["items"][2]
    expected = copy.deepcopy(PROTOCOL)
    expected["conflicts"][1]["note"] = ""
    expected["votes"][1] = {"motion": "", "for": ["Anne Hansen (A)"], "against": [], "abstain": [],
                            "result": ""}
    assert {key: written[key] for key in PROTOCOL} == expected
    assert interchange.loads(interchange.dumps([meeting]))[0] == meeting


def test_protocol_is_optional_and_written_empty():
    meeting = interchange.loads(json.dumps(VALID))[0]
    assert all(item.protocol.is_empty for item in meeting.items)
    written = interchange.data_from_meetings([meeting])["meetings"][0]["items"][1]
    assert [written[key] for key in ("absent", "conflicts", "votes", "statements")] == [[], [], [], []]
    nulls = with_protocol(absent=None, conflicts=None, votes=None, statements=None)
    assert interchange.loads(json.dumps(nulls))[0].items[2].protocol.is_empty


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"absent": "Carla"}, "meetings[0].items[2].absent: expected a list of text"),
        ({"absent": ["Carla", 3]}, "meetings[0].items[2].absent: expected a list of text"),
        ({"conflicts": {"name": "Bo"}}, "meetings[0].items[2].conflicts: expected a list"),
        ({"conflicts": ["Bo"]}, "meetings[0].items[2].conflicts[0]: expected an object"),
        ({"conflicts": [{"note": "x"}]}, "meetings[0].items[2].conflicts[0].name: missing"),
        ({"conflicts": [{"name": " "}]}, "meetings[0].items[2].conflicts[0].name: expected non-empty text"),
        ({"conflicts": [{"name": "Bo", "note": 1}]}, "meetings[0].items[2].conflicts[0].note: expected text"),
        ({"votes": [{"for": "A"}]}, "meetings[0].items[2].votes[0].for: expected a list of text"),
        ({"votes": [{"against": [None]}]}, "meetings[0].items[2].votes[0].against: expected a list of text"),
        ({"votes": [{}, {"abstain": 5}]}, "meetings[0].items[2].votes[1].abstain: expected a list of text"),
        ({"votes": [{"motion": ["x"]}]}, "meetings[0].items[2].votes[0].motion: expected text"),
        ({"votes": [{"result": True}]}, "meetings[0].items[2].votes[0].result: expected text"),
        ({"votes": "Godkendt"}, "meetings[0].items[2].votes: expected a list"),
        ({"statements": [{"text": "x"}]}, "meetings[0].items[2].statements[0].by: missing"),
        ({"statements": [{"by": "Ø"}]}, "meetings[0].items[2].statements[0].text: missing"),
        ({"statements": [{"by": "Ø", "text": ""}]}, "meetings[0].items[2].statements[0].text: expected non-"),
        ({"statements": [{"by": 7, "text": "x"}]}, "meetings[0].items[2].statements[0].by: expected text"),
        ({"statements": [{"by": "Ø", "text": " "}]},
         "meetings[0].items[2].statements[0].text: expected non-"),
        ({"statements": [[]]}, "meetings[0].items[2].statements[0]: expected an object"),
    ],
)
def test_bad_protocol_names_the_place(changes, message):
    with pytest.raises(FormatError) as caught:
        interchange.loads(json.dumps(with_protocol(**changes)))
    assert str(caught.value).startswith(message)


def test_a_statement_without_its_author_yet_imports_again():
    """The window keeps a tilførsel whose author is not typed yet; its export must import."""
    from referat_desktop.domain.model import Item, Meeting
    from referat_desktop.domain.protocol import Protocol, Statement

    item = Item("Budget", protocol=Protocol(statements=[Statement("", "Ønsket ført til protokol.")]))
    meeting = Meeting("Økonomiudvalget", dt.date(2026, 11, 24), items=[item])
    (back,) = interchange.loads(interchange.dumps([meeting]))
    assert back.items[0].protocol.statements == [Statement("", "Ønsket ført til protokol.")]
