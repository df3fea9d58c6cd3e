"""The formatie part: roles, people, the allocation matrix, their models and undo commands."""
