"""Errors of edit operations: refused changes, with a Dutch ``message``; nothing written."""
from __future__ import annotations

from app.errors import UserError


class EditError(UserError, ValueError):
    """A refused edit."""


class PlanReadOnlyError(EditError):
    """The plan is adopted: changes go into an amendment instead."""


class ConflictError(EditError):
    """What the edit would change is no longer what the user saw: someone else changed it
    meanwhile (a shared server database, issue 22). Nothing is written; the views reload."""


def read_only_message(plan) -> str:
    from app.formatting import format_date

    by = f"{plan.adopted_by} " if plan.adopted_by else ""
    when = f" ({by}{format_date(plan.adopted_on)})" if plan.adopted_on else ""
    return (f"{plan.title} is vastgesteld{when} en kan niet meer worden gewijzigd. "
            "Maak een wijziging aan om verder te werken.")
