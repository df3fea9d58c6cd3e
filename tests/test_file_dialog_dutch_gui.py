"""Qt's own file dialog speaks Dutch in full (issue 16, point 8): qtbase_nl leaves "Look in:"
and "Files of type:" in English; app/resources/qt_gaps_nl fills them in."""
from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel

ENGLISH = {"&Look in:", "Files of &type:", "File &name:", "&Open", "Cancel", "Back", "Forward",
           "Parent Directory", "Create New Folder", "List View", "Detail View"}


def test_the_non_native_file_dialog_has_no_english_left(planbord_qapp, qtbot, tmp_path):
    dialog = QFileDialog(None, "Openen", str(tmp_path), "Planbord (*.planbord)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = {w.text() for w in dialog.findChildren(QLabel)} | {w.text() for w in dialog.findChildren(QAbstractButton)}
    texts |= {w.toolTip() for w in dialog.findChildren(QAbstractButton)}
    assert "&Zoeken in:" in texts and "Bestands&type:" in texts and "Bestands&naam:" in texts
    assert not texts & ENGLISH, texts & ENGLISH
