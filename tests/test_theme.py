"""The theme's colour sets are readable, its templates fill completely, and the zoom setting is
kept within bounds (app.views.theme, app.views.shell.zoom, app.views.settings)."""
from __future__ import annotations

import re
from dataclasses import fields

import pytest

pytest.importorskip("PySide6")

from app import resources  # noqa: E402
from app.views import theme  # noqa: E402
from app.views.shell import zoom  # noqa: E402

# The palette's own bases the colours are drawn on: Qt's light default and a Fusion-like dark.
PALETTE_BASE = {False: "#ffffff", True: "#232323"}

# Text colour -> the backgrounds it is drawn on (besides the palette's base).
TEXT_ON = {
    "ink": ["header_bg", "subtotal_bg", "total_bg", "changed_bg"],
    "muted": ["group_bg", "subtotal_bg", "total_bg", "computed_bg", "general_bg", "changed_bg"],
    "strong_note": [],
    "accent": ["header_bg", "group_bg"],
    "negative": ["group_bg", "subtotal_bg", "total_bg", "computed_bg", "bad_bg", "general_bg", "changed_bg"],
    "positive": [],
    "overdue_ink": ["overdue_bg"],
    "banner_ink": ["banner_bg"],
    "disabled": [],
}
# Figures set back on purpose (a comparison year, a superseded plan): large-text contrast.
DE_EMPHASISED = {"grey": ["comparison_bg", "total_bg"]}


def luminance(hex_colour: str) -> float:
    value = hex_colour.lstrip("#")[-6:]
    channels = [int(value[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two colours."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("colours", [theme.LIGHT, theme.DARK], ids=["light", "dark"])
def test_every_text_colour_reads_on_its_backgrounds(colours):
    base = PALETTE_BASE[colours.dark]
    weak = []
    for limit, pairs in ((4.5, TEXT_ON), (3.0, DE_EMPHASISED)):
        for text, backgrounds in pairs.items():
            for background in [base] + [getattr(colours, b) for b in backgrounds]:
                ratio = contrast(getattr(colours, text), background)
                if ratio < limit:
                    weak.append(f"{text} on {background}: {ratio:.2f}")
    assert weak == []


def test_the_dark_set_is_dark_and_the_light_set_light():
    for name in ("group_bg", "subtotal_bg", "total_bg", "header_bg", "chart_background"):
        assert luminance(getattr(theme.DARK, name)) < 0.1 < luminance(getattr(theme.LIGHT, name))
    assert contrast(theme.DARK.chart_ink, theme.DARK.chart_background) >= 7
    assert contrast(theme.DARK.chart_line, theme.DARK.chart_background) >= 7  # the funding bar


def test_both_sets_name_the_same_colours():
    for f in fields(theme.Colours):
        light, dark = getattr(theme.LIGHT, f.name), getattr(theme.DARK, f.name)
        assert type(light) is type(dark), f.name
    assert len(theme.LIGHT.chart_series) == len(theme.DARK.chart_series) == 8


@pytest.mark.parametrize("colours", [theme.LIGHT, theme.DARK], ids=["light", "dark"])
def test_style_sheet_and_overview_css_fill_completely(colours, monkeypatch):
    monkeypatch.setattr(theme, "application_points", lambda: 12.0)
    with theme.forced(colours):
        values = theme.style_values()
        qss = resources.stylesheet(values)
        css = resources.overview_style(values)
    for text in (qss, css):
        assert "$" not in text
    assert colours.banner_bg.lower() in qss and colours.negative.lower() in qss
    assert f"color: {colours.ink}" in css and colours.subtotal_bg in css
    # Sizes relative to the application font (12 pt here): the tree 10/9 of it, a title 13/9.
    assert "font-size: 13.3pt" in qss and "font-size: 17.3pt" in qss
    assert "font-size: 14.0pt" in css and "font-size: 22.7pt" in css
    assert sorted(re.findall(r"[\d.]+pt", qss)) == ["13.3pt", "17.3pt"]  # no size of its own


def test_a_forced_set_wins_and_ends_with_its_block():
    before = theme.current()
    with theme.forced(theme.DARK):
        assert theme.current() is theme.DARK
        assert theme.brush("total_bg").color().name() == theme.DARK.total_bg
    assert theme.current() is before


def test_zoom_steps_and_their_ends():
    assert zoom.step_from(100, 1) == 110
    assert zoom.step_from(110, 1) == 125
    assert zoom.step_from(100, -1) == 90
    assert zoom.step_from(200, 1) == 200 and zoom.step_from(80, -1) == 80
    assert zoom.step_from(130, 1) == 150 and zoom.step_from(130, -1) == 125  # between steps
    assert zoom.clamp(20) == 80 and zoom.clamp(900) == 200 and zoom.clamp(125) == 125


@pytest.mark.parametrize(("stored", "loaded"), [
    ("125", 125), (150, 150), ("900", 200), ("10", 80), ("abc", 100), ("", 100), ("true", 100),
])
def test_zoom_setting_is_coerced_and_clamped(settings_store, stored, loaded):
    settings_store.qsettings.setValue("zoom_percent", stored)
    assert settings_store.load().zoom_percent == loaded


def test_zoom_setting_round_trips(settings_store):
    settings = settings_store.load()
    assert settings.zoom_percent == 100
    settings.zoom_percent = 175
    settings_store.save(settings)
    assert settings_store.load().zoom_percent == 175
