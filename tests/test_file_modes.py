"""Files we create get the user's normal permissions, not 0600 (issue 10, point 7).

0666 minus the umask, as any program's saved file: 0644 under umask 022, 0664 under 002.
"""

from __future__ import annotations

import datetime as dt
import os
import stat

import pytest

from referat_desktop import file_modes
from referat_desktop.domain.texts import Variant
from referat_desktop.export.pipeline import write_export
from referat_desktop.store import Store
from referat_desktop.store.backup import daily_backup, list_backups

pytestmark = pytest.mark.skipif(os.name != "posix", reason="Windows files have ACLs, not permission bits")

EXPECTED = {0o022: 0o644, 0o002: 0o664}


@pytest.fixture(params=sorted(EXPECTED), ids=lambda mask: f"umask {mask:03o}")
def umask(request):
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_umask_is_read_without_changing_it(umask):
    assert file_modes.current_umask() == umask
    assert file_modes.normal_mode() == EXPECTED[umask]


def test_without_proc_the_umask_is_read_by_setting_it_back(umask, monkeypatch):
    class NoProc(type(file_modes.Path())):
        def read_text(self, *args, **kwargs):
            raise OSError("no /proc here")

    monkeypatch.setattr(file_modes, "Path", NoProc)
    assert file_modes.current_umask() == umask
    assert os.umask(umask) == umask  # and it was left as it was


@pytest.mark.parametrize("fmt", ["docx", "pdf", "json"])
def test_an_export_gets_normal_permissions(umask, fmt, sample_meeting, tmp_path):
    target = tmp_path / f"referat.{fmt}"
    write_export(sample_meeting, fmt, Variant.MINUTES, target)
    assert mode(target) == EXPECTED[umask]


def test_an_export_over_an_existing_file_keeps_its_permissions(umask, sample_meeting, tmp_path):
    target = tmp_path / "referat.json"
    target.write_text("old")
    os.chmod(target, 0o640)
    write_export(sample_meeting, "json", Variant.MINUTES, target)
    assert mode(target) == 0o640 and target.read_text() != "old"


def test_a_new_database_its_lock_and_backups_get_normal_permissions(umask, db_path, sample_meeting):
    store = Store.open(db_path)
    try:
        store.import_meetings([sample_meeting])
        ends = ("-wal", ".lock", ".lock.json")
        beside = [db_path, *(db_path.with_name(db_path.name + end) for end in ends)]
        assert {p.name: mode(p) for p in beside} == {p.name: EXPECTED[umask] for p in beside}
        daily_backup(store.db.conn, db_path, today=dt.date(2026, 11, 30))
        store.restore_backup(list_backups(db_path)[0].path)  # makes a safety copy first
        assert [mode(b.path) for b in list_backups(db_path)] == [EXPECTED[umask]] * 2
        assert mode(db_path) == EXPECTED[umask]  # a restore loads into the file as it is
    finally:
        store.close()


def test_backups_of_a_private_database_stay_private(umask, db_path, sample_meeting):
    Store.open(db_path).close()
    os.chmod(db_path, 0o600)
    store = Store.open(db_path, backup=False)
    try:
        store.import_meetings([sample_meeting])
        daily_backup(store.db.conn, db_path, today=dt.date(2026, 11, 30))
        assert mode(list_backups(db_path)[0].path) == 0o600
    finally:
        store.close()
