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


def conflict_error(cells: list[str], shows: str) -> ConflictError:
    """The refusal for ``cells`` ("“Post” 2022 is nu 12.000 (u zag 10.000)"; three named, the rest
    counted); ``shows``: what the page shows now ("de begroting toont nu de nieuwe waarden")."""
    more = f" en nog {len(cells) - 3} cellen" if len(cells) > 3 else ""
    return ConflictError(f"Iemand anders heeft dit intussen gewijzigd: {'; '.join(cells[:3])}{more}. Er is "
                         f"niets opgeslagen; {shows}.")


def read_only_message(plan) -> str:
    from app.formatting import format_date

    by = f"{plan.adopted_by} " if plan.adopted_by else ""
    when = f" ({by}{format_date(plan.adopted_on)})" if plan.adopted_on else ""
    return (f"{plan.title} is vastgesteld{when} en kan niet meer worden gewijzigd. "
            "Maak een wijziging aan om verder te werken.")
