"""The Qt-free core: pack model and validation, cards, quiz, scheduling, progress.

Nothing under ``briefing_app.core`` may import PySide6 (a test checks it).
"""
