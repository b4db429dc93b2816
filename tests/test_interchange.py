"""The `referat/1` JSON format: validation messages name the place; round trips are exact."""

import copy
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
        "title": "A", "case_number": "", "closed": False, "sections": [], "attachments": []
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
