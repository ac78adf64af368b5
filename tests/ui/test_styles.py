"""The .qss templates fill in completely in both themes, and follow the theme's colours."""

from __future__ import annotations

import pytest

from briefing_app.paint.theme import dark_theme, light_theme
from briefing_app.ui.quiz.widgets import quiz_stylesheet
from briefing_app.ui.stylesheet import window_stylesheet


@pytest.mark.parametrize("make", [window_stylesheet, quiz_stylesheet])
def test_every_placeholder_is_filled_in_both_themes(make: object) -> None:
    for theme in (light_theme(), dark_theme()):
        sheet = make(theme)  # type: ignore[operator]
        assert "$" not in sheet
        assert theme.background in sheet and theme.accent in sheet
        assert sheet.count("{") == sheet.count("}")
    assert make(light_theme()) != make(dark_theme())  # type: ignore[operator]
