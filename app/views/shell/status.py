"""The status bar figures of the current plan: budget, funding, saldo, dagdelen and, once the
plan has bookings, its realisatie (the lines to look at in red, their messages in the tooltip).

Always visible, so a change made during a meeting shows its effect on the
totals at once; a saldo that is not zero is never hidden (red, bold).
"""
from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QStatusBar

from app.formatting import format_half_days, format_money, format_percentage


class StatusPanel(QObject):
    """Four labels in a QStatusBar; ``refresh`` recomputes them from the services."""

    def __init__(self, status_bar: QStatusBar, context) -> None:
        super().__init__(status_bar)
        self.context = context  # its figure cache: computed once per change for every view
        self.budget_label = QLabel()
        self.funding_label = QLabel()
        self.balance_label = QLabel()
        self.half_days_label = QLabel()
        self.depletion_label = QLabel()
        for name, label in (("budgetLabel", self.budget_label), ("fundingLabel", self.funding_label),
                            ("balanceLabel", self.balance_label), ("halfDaysLabel", self.half_days_label),
                            ("depletionLabel", self.depletion_label)):
            label.setObjectName(name)
            status_bar.addPermanentWidget(label)
        # The uitputting of each plan looked at, until a change makes it stale. Connected here,
        # before the window's own handler (which refreshes this panel), so it is dropped first.
        self._depletion: dict[int, object] = {}
        context.changed.connect(self._forget_depletion)
        context.data_changed.connect(self._depletion.clear)
        context.workspace_changed.connect(self._depletion.clear)
        self.clear()

    def _forget_depletion(self, change) -> None:
        from app.views.changes import ChangeKind, Part

        if change is None or change.plan_id is None:
            self._depletion.clear()
        elif change.affects(Part.DEPLETION):
            if change.kind is not ChangeKind.ACTUALS and change.plan_id in self._depletion \
                    and self._depletion[change.plan_id] is None:
                return  # no bookings, and only a booking makes one: a typed cell costs no query here
            self._depletion.pop(change.plan_id, None)

    def clear(self) -> None:
        for label in self.labels():
            label.setText("")
            label.setToolTip("")
            _set_alert(label, False)

    def labels(self) -> list[QLabel]:
        return [self.budget_label, self.funding_label, self.balance_label, self.half_days_label, self.depletion_label]

    def snapshot(self) -> list[list]:
        """What the labels say, as JSON-ready data (the first page kept between starts)."""
        return [[label.text(), label.toolTip(), bool(label.property("alert"))] for label in self.labels()]

    def restore(self, rows: list[list]) -> None:
        for label, (text, tooltip, alert) in zip(self.labels(), rows, strict=True):
            label.setText(text)
            label.setToolTip(tooltip)
            _set_alert(label, bool(alert))

    def refresh(self, workspace, plan_id: int | None) -> None:
        """Show the plan year's figures of plan ``plan_id`` (nothing when there is no plan)."""
        if workspace is None or plan_id is None:
            self.clear()
            return
        year = self.context.plan_year(plan_id)
        if year is None:
            self.clear()
            return
        budget = self.context.budget_figures(plan_id)
        staffing = self.context.staffing_figures(plan_id)
        if year in budget.years:
            total, funding, balance = budget.total[year], budget.funding[year], budget.balance[year]
        else:  # a plan whose budget columns leave out its own year: nothing to show for it
            total = funding = balance = None
        self.budget_label.setText(self.tr("Budget {year}: {amount}").format(
            year=year, amount=format_money(total) or "–"))
        self.funding_label.setText(self.tr("Funding: {amount}").format(amount=format_money(funding) or "–"))
        text = self.tr("Balance: {amount}").format(amount=format_money(balance) or "–")
        if balance:  # red, and a word: colour is never the only sign
            from app.views.budget.funding_model import balance_word

            text += " " + balance_word(balance)
        self.balance_label.setText(text)
        _set_alert(self.balance_label, balance is not None and balance != 0)
        self.balance_label.setToolTip(self.tr("Funding minus budget in {year}").format(year=year))
        text = self.tr("Half-days: {allocated} / {capacity}").format(
            allocated=format_half_days(staffing.allocated_half_days),
            capacity=format_half_days(staffing.capacity_half_days))
        over = staffing.over_booked
        if over:
            text += " — " + self.tr("over-allocated: {names}").format(names=", ".join(over))
        self.half_days_label.setText(text)
        self.half_days_label.setToolTip(self.tr("Half-days per week allocated / available for execution"))
        _set_alert(self.half_days_label, staffing.over_allocated or bool(over))
        markers = budget.markers_left_out.get(year, 0)
        self.budget_label.setToolTip(
            self.tr("{count} lines with PM, id. or ongoing are not counted").format(count=markers)
            if markers else "")
        self._show_depletion(workspace, plan_id, year)

    def _show_depletion(self, workspace, plan_id: int, year: int) -> None:
        """Nothing without bookings; else the plan year's share spent, or the lines to look at."""
        if plan_id not in self._depletion:
            from app.services.depletion import load_depletion

            depletion = load_depletion(workspace, plan_id, only_with_entries=True)
            # What the label shows, not the whole uitputting (a 20,000-line plan's is large).
            self._depletion[plan_id] = None if depletion is None else (
                [flag.message for flag in depletion.flags],
                {y: figures.percentage for y, figures in depletion.total.items()})
        kept = self._depletion[plan_id]
        label = self.depletion_label
        if kept is None:
            label.setText("")
            label.setToolTip("")
            _set_alert(label, False)
            return
        flags, percentages = kept
        if flags:
            label.setText(self.tr("Actuals: {count} point(s) of attention").format(count=len(flags)))
            label.setToolTip("\n".join(flags))
        else:
            percentage = percentages.get(year)
            label.setText(self.tr("Spent {year}: {percentage}").format(
                year=year, percentage=format_percentage(percentage, 1) if percentage is not None else "–"))
            label.setToolTip(self.tr("Spent and committed in {year} as a share of its budget").format(year=year))
        _set_alert(label, bool(flags))


def _set_alert(label: QLabel, alert: bool) -> None:
    """Mark a label for the stylesheet's red; re-polish so the change shows at once."""
    if label.property("alert") == alert:
        return
    label.setProperty("alert", alert)
    label.style().unpolish(label)
    label.style().polish(label)
