"""Right-to-left scripts and emoji in the PDF annexes (issue 14, point 5).

- Arabic and Hebrew print right to left, Arabic letters joined (HarfBuzz through uharfbuzz),
  and come out of the PDF's text layer in logical order, as typed: pypdf puts a right-to-left
  run drawn in visual order back in logical order, so an Arabic line name read back with pypdf
  equals the name typed. Before, it came back with its words turned round and its letters in
  their unjoined forms.
- The shaping is checked on the glyphs themselves: a joined Arabic word is drawn with the
  glyphs of its initial, medial and final forms (those of the Arabic Presentation Forms-B
  characters in the same font), lam and alef as one ligature.
- An emoji (or any character) no embedded font has prints as one □ per cluster (a thumb with
  its skin tone, a family joined with U+200D), is named at the end of the annex, and stays in
  the text layer as typed; never an empty box nobody is told about. With an emoji font with
  outlines on the machine, it is drawn from that font instead.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics

from app.models import BudgetLine, Project
from app.reports import build_pdf
from app.reports import fonts as fonts_module
from app.reports import shaping
from app.reports.bidi import base_level, levels, visual_order
from app.reports.fonts import EMOJI, FALLBACK, REGULAR, actual_text, font_runs
from app.services.plans import find_plan
from app.services.workspace import open_workspace

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
needs_dejavu = pytest.mark.skipif(not DEJAVU.is_file(), reason="DejaVu Sans (fonts-dejavu-core) is not installed")

ARABIC = "ميزانية الشباب"  # "youth budget"
HEBREW = "תקציב הנוער"  # "youth budget"


@pytest.fixture
def fonts(monkeypatch):
    """The fonts as a new process finds them, without an emoji font (unless a test gives one)."""
    monkeypatch.setattr(fonts_module, "_registered", False)
    monkeypatch.setattr(fonts_module, "_EMOJI_CANDIDATES", ())
    for cache in (fonts_module._fallback_font, fonts_module._emoji_font, fonts_module._text_codes):
        cache.cache_clear()
    fonts_module._widths.clear()
    yield fonts_module
    for cache in (fonts_module._fallback_font, fonts_module._emoji_font, fonts_module._text_codes):
        cache.cache_clear()
    fonts_module._widths.clear()


def drawn(text: str, font: str = REGULAR) -> list[tuple[str, int, str]]:
    """What is drawn for ``text``, left to right: (font, glyph id, the text it stands for)."""
    result = []
    for piece, name in font_runs(text, font):
        face = pdfmetrics.getFont(name).face
        for char in piece:
            result.append((name, face.charToGlyph.get(ord(char), 0), actual_text(char)))
    return result


def glyph(font: str, char: str) -> int:
    return pdfmetrics.getFont(font).face.charToGlyph[ord(char)]


def annex(demo_workspace, tmp_path, names: dict[str, str], sections: str = "begroting", **project):
    """The demo's budget with lines renamed (old name -> new), and project 3.2.3's fields set."""
    with open_workspace(demo_workspace) as workspace:
        with workspace.transaction() as session:
            for old, new in names.items():
                session.query(BudgetLine).filter_by(name=old).one().name = new
            for field, value in project.items():
                setattr(session.query(Project).filter_by(number="3.2.3").one(), field, value)
        with workspace.session() as session:
            plan_id = find_plan(session, 2022).id
        out = tmp_path / "scripts.pdf"
        result = build_pdf(workspace, plan_id, sections, out)
    text = "\n".join(" ".join(line.split()) for page in PdfReader(out).pages
                     for line in page.extract_text().splitlines())
    return result, text


# --- the order: the Unicode Bidirectional Algorithm ------------------------------------------

@pytest.mark.parametrize("logical, visual", [
    ("abc def", "abc def"),
    ("שלום עולם", "םלוע םולש"),
    ("Project שלום 12 עולם.", "Project םלוע 12 םולש."),
    ("3.2.3 مشروع", "عورشم 3.2.3"),  # a right-to-left line: the number stands at its end (right)
    ("abc (שלום) def", "abc (םולש) def"),
    ("מחיר 1.500 ש\"ח", "ח\"ש 1.500 ריחמ"),
])
def test_a_line_is_put_in_visual_order_by_the_bidirectional_algorithm(logical, visual):
    assert "".join(visual_order(list(logical), levels(logical))) == visual


def test_the_direction_of_a_line_is_that_of_its_first_letter():
    assert base_level("3.2.3 مشروع") == 1 and base_level("Jeugd مشروع") == 0 and base_level("2022") == 0
    assert levels("ab  ") == [0, 0, 0, 0] and levels("שלום  ") == [1, 1, 1, 1, 1, 1]


# --- shaping -----------------------------------------------------------------------------------

@needs_dejavu
def test_arabic_letters_are_drawn_joined_in_visual_order(fonts):
    """بيت (house): final tah, medial yeh, initial beh, left to right, each the glyph of its
    presentation form; the text behind each glyph is the letter typed."""
    assert drawn("بيت") == [(FALLBACK, glyph(FALLBACK, "\ufe96"), "ت"), (FALLBACK, glyph(FALLBACK, "\ufef4"), "ي"),
                            (FALLBACK, glyph(FALLBACK, "\ufe91"), "ب")]
    # Lam and alef make one glyph, which stands for both letters.
    assert drawn("لا") == [(FALLBACK, glyph(FALLBACK, "\ufefb"), "لا")]
    # A letter alone keeps its own (isolated) glyph and is drawn as itself.
    assert drawn("ب") == [(FALLBACK, glyph(FALLBACK, "ب"), "ب")]


@needs_dejavu
def test_a_right_to_left_name_with_a_number_and_brackets_is_drawn_in_order(fonts):
    """תקציב הנוער 2022 (חדש): right to left, the number left to right, the brackets turned."""
    result = drawn("תקציב הנוער 2022 (חדש)")
    assert "".join(text for _f, _g, text in result) == ")שדח( 2022 רעונה ביצקת"
    assert result[0][1] == glyph(result[0][0], "(") and result[4][1] == glyph(result[4][0], ")")
    assert all(g for _f, g, _t in result)  # no empty box


@needs_dejavu
def test_an_arabic_line_name_comes_out_of_the_pdf_as_typed(demo_workspace, tmp_path, fonts):
    """The budget line "ميزانية الشباب", read back with pypdf: as typed, in logical order, its
    amount beside it; a Hebrew one too. (Before: "الشباب ميزانية", words turned round.)"""
    result, text = annex(demo_workspace, tmp_path, {"onderzoeksbudget": ARABIC,
                                                    "projectleiding": HEBREW})
    assert f"{ARABIC} 100.000 doorlopend" in text
    assert f"{HEBREW} 50.000 100.000" in text
    assert result.missing == ()


@needs_dejavu
def test_arabic_in_a_heading_and_a_description_comes_out_as_typed(demo_workspace, tmp_path, fonts):
    """A project titled in Arabic (a heading: a Paragraph) and described in Arabic over several
    lines (set against the right edge, line by line): as typed, in logical order."""
    description = " ".join(["هذا وصف طويل للمشروع"] * 30)
    _result, text = annex(demo_workspace, tmp_path, {}, "projecten", title="مشروع الشباب",
                          description=description)
    assert "3.2.3 مشروع الشباب" in text
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("هذا"))
    assert " ".join(lines[start:start + 8]).startswith(" ".join(["هذا وصف طويل للمشروع"] * 8))


@needs_dejavu
def test_without_uharfbuzz_the_order_is_still_right_but_letters_stand_alone(demo_workspace, tmp_path, fonts,
                                                                             monkeypatch):
    """The documented fallback: no shaper, right-to-left text still in visual order (and read
    back in logical order), Arabic letters in their own, unjoined forms."""
    monkeypatch.setattr(shaping, "hb", None)
    shaping._layout.cache_clear()
    try:
        assert drawn("بيت") == [(FALLBACK, glyph(FALLBACK, c), c) for c in "تيب"]
        _result, text = annex(demo_workspace, tmp_path, {"onderzoeksbudget": ARABIC})
        assert f"{ARABIC} 100.000 doorlopend" in text
    finally:
        shaping._layout.cache_clear()


def test_uharfbuzz_is_installed_and_shapes():
    """A dependency (pyproject.toml): the annexes join Arabic letters on every installation."""
    assert shaping.hb is not None


# --- emoji and characters no font has ------------------------------------------------------------

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # man, woman, girl joined
THUMB = "\U0001f44d\U0001f3fd"  # thumbs up, medium skin tone


@needs_dejavu
def test_an_emoji_no_font_has_prints_as_one_placeholder_and_is_named(demo_workspace, tmp_path, fonts, caplog):
    """Without an emoji font: each emoji with what joins it is one □ (the fallback font's), never
    the empty box of a missing glyph; the annex names them at its end and the log says so; the
    text layer keeps them as typed."""
    name = f"Duim {THUMB} en gezin {FAMILY} klaar"
    box = glyph(FALLBACK, "□")
    assert [(f, g, t) for f, g, t in drawn(name) if t in (THUMB, FAMILY)] == [(FALLBACK, box, THUMB),
                                                                            (FALLBACK, box, FAMILY)]
    assert all(g for _f, g, _t in drawn(name))
    with caplog.at_level(logging.WARNING, logger="app.reports.build"):
        result, text = annex(demo_workspace, tmp_path, {"onderzoeksbudget": name})
    assert result.missing == (THUMB, FAMILY)
    assert f"{name} 100.000 doorlopend" in text
    closing = text[text.index("□ staat in deze bijlage"):]
    assert "(U+1F44D U+1F3FD)" in closing and "(U+1F468 U+200D U+1F469 U+200D U+1F467)" in closing
    assert "2 teken(s) zonder lettertype als □ afgedrukt" in caplog.text


@needs_dejavu
def test_an_annex_without_such_characters_has_no_closing_note(demo_workspace, tmp_path, fonts):
    result, text = annex(demo_workspace, tmp_path, {"onderzoeksbudget": "Zorg ✓ 😀"})
    assert result.missing == () and "□ staat" not in text


@needs_dejavu
def test_an_emoji_font_on_the_machine_draws_the_emoji(demo_workspace, tmp_path, fonts, monkeypatch):
    """The chain text font, fallback, emoji font: an emoji the fallback lacks comes from the
    emoji font (here DejaVu Sans stands in for one), and is not named as missing."""
    monkeypatch.setattr(fonts, "_FALLBACK_CANDIDATES", ())
    monkeypatch.setattr(fonts, "_EMOJI_CANDIDATES", (str(DEJAVU),))
    monkeypatch.setattr(fonts, "EMOJI_PROBE", 0x1F600)
    assert drawn("Zorg \U0001f600")[-1] == (EMOJI, glyph(EMOJI, "\U0001f600"), "\U0001f600")
    result, text = annex(demo_workspace, tmp_path, {"onderzoeksbudget": "Zorg \U0001f600 klaar"})
    assert result.missing == () and "Zorg \U0001f600 klaar 100.000 doorlopend" in text


def test_a_font_without_emoji_outlines_is_no_emoji_font(fonts, monkeypatch, tmp_path):
    """A colour-bitmap font (Noto Color Emoji) or any font without 👍 is passed over; an
    unreadable file too."""
    broken = tmp_path / "kapot.ttf"
    broken.write_bytes(b"geen lettertype")
    candidates = (str(broken), str(DEJAVU)) if DEJAVU.is_file() else (str(broken),)
    monkeypatch.setattr(fonts, "_EMOJI_CANDIDATES", candidates)
    assert fonts._emoji_font() is None  # DejaVu Sans has no 👍


INSTALLED_EMOJI = [p for p in ("/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf",
                               "/usr/share/fonts/truetype/noto/NotoEmoji-Regular.ttf") if Path(p).is_file()]


@pytest.mark.skipif(not INSTALLED_EMOJI, reason="no emoji font with outlines (fonts-symbola) installed")
def test_an_installed_emoji_font_is_found_and_used(fonts, monkeypatch):
    monkeypatch.setattr(fonts, "_EMOJI_CANDIDATES", tuple(INSTALLED_EMOJI))
    assert fonts._emoji_font() is not None
    assert {f for f, _g, t in drawn(f"Duim {THUMB}") if t.strip() and not t.isascii()} == {EMOJI}


def test_the_clusters_a_reader_sees_as_one_character():
    assert shaping.clusters(f"a{THUMB}b{FAMILY}\U0001f1f3\U0001f1f1\U0001f1e7\U0001f1eae\u0301") == [
        "a", THUMB, "b", FAMILY, "\U0001f1f3\U0001f1f1", "\U0001f1e7\U0001f1ea", "e\u0301"]


def test_a_right_to_left_passage_in_running_text_stays_whole(fonts):
    """In a Paragraph (a heading), a right-to-left passage is one unbreakable word, in visual
    order; a long one is set in pieces of at most 60 characters, in reading order."""
    from app.reports.text import escape

    markup = escape("Jeugd " + ARABIC + " klaar")
    assert markup.startswith("Jeugd ") and markup.endswith(" klaar") and markup.count("\u00a0") == 1
    long_passage = " ".join(["كلمة"] * 40)  # 199 characters: 4 pieces of 12 words or less
    plain = re.sub(r"<[^>]+>", "", escape(long_passage))
    assert plain.count(" ") == 3 and plain.count("\u00a0") == 40 - 4
