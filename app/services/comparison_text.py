"""Two plans compared, for the command line (``python -m app diff``): Dutch text for a terminal,
and JSON for scripts. No Qt; the figures come from app.services.comparison."""
from __future__ import annotations

from app.formatting import format_amount
from app.models.numbers import round_half_days, round_money


def signed(value) -> str:
    """A difference: "+10.000", "-5.000", "0"."""
    return ("+" if value > 0 else "") + format_amount(value)


def has_differences(comparison) -> bool:
    totals = comparison.totals
    rows = (*totals.groups, totals.total, totals.funding, totals.saldo, totals.to_split, *totals.contributions)
    return bool(comparison.budget.changed_lines() or any(row.changed for row in rows)
                or comparison.staffing or comparison.outline)


def comparison_text(comparison) -> str:
    """The comparison for a terminal, in Dutch: what changed, line by line, then the figures."""
    lines = [f"{comparison.after_title} vergeleken met {comparison.before_title}"]
    if not has_differences(comparison):  # but say when the contributions could not be compared
        problem = comparison.totals.contribution_problem
        return "\n".join([*lines, "", "Geen verschillen.", *(["", problem] if problem else [])])
    changed = comparison.budget.changed_lines()
    lines += ["", f"Gewijzigde begrotingsposten ({len(changed)})" if changed
              else "Geen gewijzigde begrotingsposten."]
    for line in changed:
        group = " › ".join(line.group)
        lines.append(f"  {line.name}" + (f" ({group})" if group else "") + f": {line.description()}")
        for cell in line.cells:
            if cell.changed:
                verschil = f" (verschil {signed(cell.difference)})" if cell.difference else ""
                lines.append(f"    {cell.year}: {cell.text()}{verschil}")

    totals = comparison.totals
    own = set(totals.contribution_years)  # comparison columns are never funded: no funding or saldo there
    lines += ["", _FIGURES_HEADER.format("Totalen"), *_figure_rows([totals.total], totals.years),
              *_figure_rows((totals.funding, totals.saldo), own)]
    if totals.contributions:
        lines += ["", _FIGURES_HEADER.format("Bijdragen per gemeente"), *_figure_rows(totals.contributions, own)]
    if totals.contribution_problem:
        lines += ["", totals.contribution_problem]
    if comparison.staffing:
        lines += ["", "Formatie en dagdelen", *(f"  {change.text()}" for change in comparison.staffing)]
    if comparison.outline:
        lines += ["", "Projecten en acties", *(f"  {change.text()}" for change in comparison.outline)]
    return "\n".join(lines)


_FIGURES_HEADER = "{:<32}" + f"{'jaar':>6}{'voor':>16}{'na':>16}{'verschil':>14}"


def _figure_rows(rows, years) -> list[str]:
    """A row per year (of ``years``) of each figure: before, after, the difference; the label on
    its first year only."""
    out = []
    for row in rows:
        for n, year in enumerate(y for y in row.values if y in years):
            pair = row.values[year]
            both = pair.before is not None and pair.after is not None
            out.append(f"  {row.label if n == 0 else '':<30}{year:>6}{_or_dash(pair.before):>16}"
                       f"{_or_dash(pair.after):>16}{signed(pair.difference) if both else '':>14}")
    return out


def _or_dash(value) -> str:
    return "—" if value is None else format_amount(value)


def comparison_json(comparison, before_id: int, after_id: int) -> dict:
    """The comparison as plain data, for scripts. Amounts are strings with two decimals
    ("10000.00"), years are string keys, so nothing goes through a float::

        {"before": {"id": 1, "title": "..."}, "after": {"id": 2, "title": "..."},
         "changed": true,                      # false: "Geen verschillen."
         "years": ["2021", "2022", "2023"],
         "lines": [                            # the changed budget lines, in the newer plan's order
           {"name": "...", "group": ["1 Regionale netwerksamenwerking"],
            "kinds": ["gewijzigd"],            # toegevoegd, verwijderd, verplaatst, hernoemd, gewijzigd
            "description": "gewijzigd in 2022",
            "before_name": "..." | null, "before_group": [...] | null,   # null: an added line
            "years": {"2022": {"before": {"amount": "127500.00", "marker": null},
                               "after": {"amount": "137500.00", "marker": null},
                               "difference": "10000.00"}}}],    # only the changed years
         "totals": {"budget" | "funding" | "saldo" | "to_split":   # the last three: own years only
                    {"2022": {"before": "...", "after": "...", "difference": "..."}}},
         "groups": [{"label": "...", "level": 0, "years": {...}}],   # changed subtotals only
         "contributions": {"years": ["2022", "2023"], "problem": null | "...",
                           "municipalities": {"Delft": {"2022": {"before": ..., "after": ...,
                                                                "difference": ...}}}},
         "staffing": [{"what": "rol" | "project" | "totaal", "label": "...", "unit": "fte" | "dagdelen",
                       "before": "2.20" | null, "after": ..., "difference": ..., "text": "..."}],
         "outline": [{"what": "project" | "actie", "kind": "...", "label": "...", "detail": "...",
                      "text": "..."}]}

    A figure is null where its plan has no such year (or group), and so is its difference;
    an empty cell is {"amount": null, "marker": null}; a marker ("PM") counts as 0 in a difference.
    """
    def cell(value):
        if value is None:
            return None
        return {"amount": _json_money(value.amount), "marker": value.text() if value.marker is not None else None}

    def pairs(row, years=None) -> dict:
        return {str(year): {"before": _json_money(pair.before), "after": _json_money(pair.after),
                            "difference": _json_money(pair.difference)
                            if pair.before is not None and pair.after is not None else None}
                for year, pair in row.values.items() if years is None or year in years}

    def staffing_value(value, unit: str):
        if value is None:
            return None
        return f"{round_half_days(value)}" if unit == "dagdelen" else _json_money(value)

    totals = comparison.totals
    own = set(totals.contribution_years)  # comparison columns are never funded or split
    return {
        "before": {"id": before_id, "title": comparison.before_title},
        "after": {"id": after_id, "title": comparison.after_title},
        "changed": has_differences(comparison),
        "years": [str(year) for year in comparison.budget.years],
        "lines": [{
            "name": line.name, "group": list(line.group), "kinds": list(line.kinds),
            "description": line.description(),
            "before_name": line.before.name if line.before is not None else None,
            "before_group": list(line.before_group) if line.before is not None else None,
            "years": {str(c.year): {"before": cell(c.before), "after": cell(c.after),
                                    "difference": _json_money(c.difference)}
                      for c in line.cells if c.changed},
        } for line in comparison.budget.changed_lines()],
        "totals": {"budget": pairs(totals.total), "funding": pairs(totals.funding, own),
                   "saldo": pairs(totals.saldo, own), "to_split": pairs(totals.to_split, own)},
        "groups": [{"label": row.label, "level": row.level, "years": pairs(row)}
                   for row in totals.groups if row.changed],
        "contributions": {
            "years": [str(year) for year in totals.contribution_years],
            "problem": totals.contribution_problem or None,
            "municipalities": {row.label: pairs(row) for row in totals.contributions},
        },
        "staffing": [{"what": c.what, "label": c.label, "unit": c.unit, "before": staffing_value(c.before, c.unit),
                      "after": staffing_value(c.after, c.unit), "difference": staffing_value(c.difference, c.unit),
                      "text": c.text()} for c in comparison.staffing],
        "outline": [{"what": c.what, "kind": c.kind, "label": c.label, "detail": c.detail, "text": c.text()}
                    for c in comparison.outline],
    }


def _json_money(value) -> str | None:
    return None if value is None else f"{round_money(value)}"
