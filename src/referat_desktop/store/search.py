"""Full-text search over item titles, case numbers and section text (FTS5).

The indexes are kept current by triggers (store/schema.py); this module only reads.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlite_utils


@dataclass(frozen=True)
class SearchHit:
    meeting_id: int
    item_id: int
    item_title: str
    meeting_date: dt.date
    body: str
    snippet: str
    section_id: int | None = None  # the first section where the words were found (None: the title)


def search(db: sqlite_utils.Database, query: str, limit: int = 100) -> list[SearchHit]:
    """The newest `limit` items matching every word of `query` (as prefixes)."""
    words = [w.replace('"', "") for w in query.split()]
    words = [w for w in words if w]
    if not words:
        return []
    params = {"q": " ".join(f'"{w}"*' for w in words), "limit": limit}
    hits = db.execute(_COUNT_HITS, params).fetchone()[0]
    if not hits:
        return []
    # Few hits: start from the FTS hits (cost grows with the hits). Many hits (a common
    # word in a big archive): walk meetings newest first and stop at `limit` (cost grows
    # with what is shown). Either way about 10-30 ms on a 2,000-meeting archive, where one
    # plan for both took up to 120 ms.
    sql = _SEARCH_FROM_HITS if hits < FEW_HITS else _SEARCH_NEWEST_FIRST
    return [
        SearchHit(meeting_id, item_id, title, dt.date.fromisoformat(date), body,
                  _snippet(text, words) if text else title, section_id)
        for meeting_id, item_id, title, date, body, section_id, text in db.execute(sql, params).fetchall()
    ]


FEW_HITS = 500  # below this many FTS hits, search starts from the hits
_COUNT_HITS = """
    SELECT (SELECT count(*) FROM sections_fts WHERE sections_fts MATCH :q)
         + (SELECT count(*) FROM items_fts WHERE items_fts MATCH :q)
"""
# Both return the newest `limit` matching items with the text of their first matching
# section (for the snippet).
_SEARCH_FROM_HITS = """
    WITH hit(item_id, section_id) AS (
        SELECT s.item_id, min(s.id) FROM sections_fts f JOIN sections s ON s.id = f.rowid
        WHERE sections_fts MATCH :q GROUP BY s.item_id
        UNION ALL
        SELECT rowid, NULL FROM items_fts WHERE items_fts MATCH :q
    )
    SELECT m.id, i.id, i.title, m.date, m.body, s.id, s.text
    FROM (SELECT item_id, min(section_id) AS section_id FROM hit GROUP BY item_id) h
    JOIN items i ON i.id = h.item_id JOIN meetings m ON m.id = i.meeting_id
    LEFT JOIN sections s ON s.id = h.section_id
    ORDER BY m.date DESC, m.id DESC, i.position LIMIT :limit
"""
_SEARCH_NEWEST_FIRST = """
    WITH sec(id) AS MATERIALIZED (SELECT rowid FROM sections_fts WHERE sections_fts MATCH :q),
         tit(id) AS MATERIALIZED (SELECT rowid FROM items_fts WHERE items_fts MATCH :q)
    SELECT h.meeting_id, h.item_id, h.title, h.date, h.body, s.id, s.text
    FROM (
        SELECT m.id AS meeting_id, i.id AS item_id, i.title, m.date, m.body, i.position,
            (SELECT s.id FROM sections s WHERE s.item_id = i.id AND s.id IN sec ORDER BY s.id LIMIT 1)
                AS section_id
        FROM meetings m CROSS JOIN items i ON i.meeting_id = m.id  -- CROSS: walk meetings by date
        WHERE i.id IN tit OR EXISTS (SELECT 1 FROM sections s WHERE s.item_id = i.id AND s.id IN sec)
        ORDER BY m.date DESC, m.id DESC, i.position LIMIT :limit
    ) h LEFT JOIN sections s ON s.id = h.section_id
    ORDER BY h.date DESC, h.meeting_id DESC, h.position
"""


def _snippet(text: str, words: list[str], width: int = 60) -> str:
    """About `width` characters either side of the first searched word, on one line."""
    lowered = text.casefold()
    found = [i for i in (lowered.find(w.casefold()) for w in words) if i >= 0]
    at = min(found) if found else 0
    start, end = max(0, at - width), min(len(text), at + width)
    piece = " ".join(text[start:end].replace("#", "").split())
    return ("…" if start else "") + piece + ("…" if end < len(text) else "")
