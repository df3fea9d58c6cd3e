"""The realisatie of a plan as plain data, for ``summary --json``: ``actuals`` (spent, ordered and
received per year, per group), ``depletion`` (the plan's figures per year and the lines to look
at) and ``settlement`` (the afrekening per municipality). Amounts are strings with two decimals,
years string keys, as in the rest of the summary. A plan without bookings costs one count."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from app.models import Plan
from app.models.numbers import round_money
from app.services.depletion import Depletion, has_entries, plan_depletion
from app.services.settlement import plan_settlement


def _money(value: Decimal | None) -> str | None:
    return None if value is None else f"{round_money(value)}"


def _figures(d: Depletion) -> dict:
    return {"budget": _money(d.budget), "realised": _money(d.realised), "committed": _money(d.committed),
            "remaining": _money(d.remaining), "percentage": None if d.percentage is None else f"{d.percentage}",
            "forecast": _money(d.forecast)}


def actuals_json(session: Session, plan: Plan, as_of: date | None = None, bookings: bool | None = None) -> dict:
    """``{"actuals": ..., "depletion": ..., "settlement": ...}``; each empty without bookings
    (``bookings``: whether there are, when the caller knows)."""
    if not (has_entries(session, plan) if bookings is None else bookings):
        return {"actuals": {}, "depletion": {}, "settlement": {}}
    depletion = plan_depletion(session, plan, as_of)
    settlement = plan_settlement(session, plan)
    years = [str(y) for y in depletion.years]
    return {
        "actuals": {
            str(y): {"realised": _money(depletion.total[y].realised), "committed": _money(depletion.total[y].committed),
                     "received": _money(depletion.income.get(y, Decimal(0))),
                     "groups": [{"number": g.number, "name": g.name, "level": g.level,
                                 "realised": _money(g.years[y].realised), "committed": _money(g.years[y].committed)}
                                for g in depletion.groups]}
            for y in depletion.years},
        "depletion": {
            "as_of": depletion.as_of.isoformat(),
            "years": {str(y): {**_figures(depletion.total[y]),
                               "groups": [{"number": g.number, "name": g.name, **_figures(g.years[y])}
                                          for g in depletion.groups]}
                      for y in depletion.years},
            "problems": [f.message for f in depletion.flags],
        },
        "settlement": {
            str(y): ({"problem": s.problem} if s.problem else {
                "realised": _money(s.realised), "other_income": _money(s.other_income),
                "to_split": _money(s.to_split), "advances": _money(s.advance_total),
                "shares": _money(s.share_total), "difference": _money(s.difference_total),
                "municipalities": {r.municipality: {"advance": _money(r.advance), "share": _money(r.share),
                                                    "difference": _money(r.difference)} for r in s.rows}})
            for y, s in settlement.items() if str(y) in years},
    }
