"""The plan content part: the outline, project editor, progress overview, ambitions, and their undo commands."""
