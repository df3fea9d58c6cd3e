"""The first page kept between starts (app/services/first_page_cache.py): used only for the file
exactly as it was closed, on the same day, language and program version; never a reason to fail.

SQLite only: the cache is kept for a file exactly as it was closed. The service tests run on
both backends (issue 22).
"""
from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from app.services import first_page_cache as cache

DAY = date(2026, 12, 6)
PAGE = {"html": "<h1>Uitvoeringsplan 2022</h1>", "status": [["Begroting 2022: € 1.280.000", "", False]]}


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "plan.planbord"
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    return path


def key(path: Path, **changes):
    args = {"language": "nl", "today": DAY, "version": "0.1.0", **changes}
    return cache.identity(path, **args)


def test_a_page_kept_for_a_file_comes_back_for_the_same_file(plan_file, tmp_path):
    cache_file = tmp_path / "data" / cache.CACHE_NAME
    assert cache.save(cache_file, key(plan_file), PAGE) is True
    assert cache.load(cache_file, key(plan_file)) == PAGE


@pytest.mark.parametrize("change", [{"language": "en"}, {"today": date(2026, 12, 7)}, {"version": "0.2.0"}])
def test_another_day_language_or_program_version_does_not_use_the_page(plan_file, tmp_path, change):
    cache_file = tmp_path / cache.CACHE_NAME
    cache.save(cache_file, key(plan_file), PAGE)
    assert cache.load(cache_file, key(plan_file, **change)) is None


def test_a_file_changed_since_the_close_does_not_use_the_page(plan_file, tmp_path):
    cache_file = tmp_path / cache.CACHE_NAME
    cache.save(cache_file, key(plan_file), PAGE)
    stat = plan_file.stat()
    os.utime(plan_file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))  # touched: same size
    assert cache.load(cache_file, key(plan_file)) is None
    os.utime(plan_file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert cache.load(cache_file, key(plan_file)) == PAGE  # as it was: the page again
    with plan_file.open("ab") as handle:
        handle.write(b"\x00")  # grown, whatever its time says
    os.utime(plan_file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert cache.load(cache_file, key(plan_file)) is None


def test_another_file_does_not_use_the_page(plan_file, tmp_path):
    other = tmp_path / "other.planbord"
    other.write_bytes(plan_file.read_bytes())
    os.utime(other, ns=(plan_file.stat().st_atime_ns, plan_file.stat().st_mtime_ns))
    cache_file = tmp_path / cache.CACHE_NAME
    cache.save(cache_file, key(plan_file), PAGE)
    assert cache.load(cache_file, key(other)) is None


@pytest.mark.parametrize("suffix", ["-wal", "-journal", ".lock"])
def test_a_file_open_elsewhere_or_not_closed_cleanly_has_no_identity(plan_file, suffix):
    assert key(plan_file) is not None
    Path(f"{plan_file}{suffix}").write_bytes(b"x")
    assert key(plan_file) is None


def test_a_missing_file_has_no_identity(tmp_path):
    assert key(tmp_path / "weg.planbord") is None


@pytest.mark.parametrize("content", ["", "{", "[]", '{"identity": 1}', '{"identity": null, "page": []}'])
def test_an_unreadable_cache_is_no_page(plan_file, tmp_path, content):
    cache_file = tmp_path / cache.CACHE_NAME
    cache_file.write_text(content, encoding="utf-8")
    assert cache.load(cache_file, key(plan_file)) is None


def test_a_cache_whose_page_is_not_an_object_is_no_page(plan_file, tmp_path):
    cache_file = tmp_path / cache.CACHE_NAME
    cache_file.write_text(json.dumps({"identity": key(plan_file), "page": ["html"]}), encoding="utf-8")
    assert cache.load(cache_file, key(plan_file)) is None


def test_saving_without_a_page_forgets_what_was_kept(plan_file, tmp_path):
    cache_file = tmp_path / cache.CACHE_NAME
    cache.save(cache_file, key(plan_file), PAGE)
    assert cache.save(cache_file, key(plan_file), None) is False
    assert not cache_file.exists()
    cache.save(cache_file, key(plan_file), PAGE)
    assert cache.save(cache_file, None, PAGE) is False  # a file that cannot be identified
    assert not cache_file.exists()


def test_a_cache_that_cannot_be_written_is_not_an_error(plan_file, tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("no folder here", encoding="utf-8")
    assert cache.save(blocked / cache.CACHE_NAME, key(plan_file), PAGE) is False
    assert cache.load(blocked / cache.CACHE_NAME, key(plan_file)) is None


def test_a_page_is_written_whole_or_not_at_all(plan_file, tmp_path):
    cache_file = tmp_path / cache.CACHE_NAME
    cache.save(cache_file, key(plan_file), PAGE)
    unwritable = {"html": object()}  # cannot be written as JSON
    assert cache.save(cache_file, key(plan_file), unwritable) is False
    assert cache.load(cache_file, key(plan_file)) == PAGE  # the earlier page stands
