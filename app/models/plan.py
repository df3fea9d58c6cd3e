"""The Uitvoeringsplan: plan, chapters, projects, goals and actions."""
from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal

from sqlalchemy import Enum, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, copied_from
from app.models.types import ScaledDecimal


def _enum(cls: type[enum.Enum]) -> Enum:
    # Stored as readable strings, not native enums, so PostgreSQL needs no ALTER TYPE.
    return Enum(cls, native_enum=False, length=30, values_callable=lambda e: [m.value for m in e])


class PlanStatus(enum.Enum):
    DRAFT = "draft"  # concept
    ADOPTED = "adopted"  # vastgesteld


class PlanKind(enum.Enum):
    PLAN = "plan"
    AMENDMENT = "amendment"  # wijziging of an adopted plan
    SCENARIO = "scenario"


class Plan(Base):
    __tablename__ = "plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id", ondelete="CASCADE"))
    year: Mapped[int]
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[PlanKind] = mapped_column(_enum(PlanKind), default=PlanKind.PLAN)
    status: Mapped[PlanStatus] = mapped_column(_enum(PlanStatus), default=PlanStatus.DRAFT)
    adopted_on: Mapped[date | None] = mapped_column(default=None)
    adopted_by: Mapped[str] = mapped_column(String(100), default="")  # e.g. "BOJ"
    based_on_id: Mapped[int | None] = mapped_column(
        ForeignKey("plan.id", ondelete="SET NULL"), default=None
    )
    # The budget's year columns, e.g. 2021..2023 in the 2022 plan.
    first_year: Mapped[int]
    last_year: Mapped[int]
    # Dagdelen per week in one fte: a setting of the plan, 10 by default.
    half_days_per_fte: Mapped[Decimal] = mapped_column(ScaledDecimal(1), default=Decimal("10.0"))
    allocation_key_id: Mapped[int | None] = mapped_column(
        ForeignKey("allocation_key.id", ondelete="SET NULL"), default=None
    )
    # The first year columns may be comparison columns (last year's adopted budget): shown and
    # printed, never funded, split or flagged.
    comparison_columns: Mapped[int] = mapped_column(default=0, server_default="0")
    # The comparison columns hold the previous plan's realisatie (what was spent), not its budget.
    comparison_realised: Mapped[bool] = mapped_column(default=False, server_default="0")
    # The grand total's label in the annex ("Totaal Uitvoeringsprogramma 2022"); "": "Totaal".
    total_label: Mapped[str] = mapped_column(String(300), default="", server_default="")

    region: Mapped["Region"] = relationship()  # noqa: F821
    based_on: Mapped[Plan | None] = relationship(remote_side=[id])
    allocation_key: Mapped["AllocationKey | None"] = relationship()  # noqa: F821
    chapters: Mapped[list[Chapter]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="Chapter.position"
    )

    @property
    def years(self) -> list[int]:
        """Every year column, comparison columns included."""
        return list(range(self.first_year, self.last_year + 1))

    @property
    def own_years(self) -> list[int]:
        """The years this plan budgets and must fund: its columns after the comparison ones."""
        return self.years[self.comparison_columns:]

    @property
    def comparison_years(self) -> list[int]:
        return self.years[:self.comparison_columns]

    @property
    def is_read_only(self) -> bool:
        return self.status is PlanStatus.ADOPTED


class Chapter(Base):
    """A numbered chapter or paragraph ("3", "3.1") of the plan."""

    __tablename__ = "chapter"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("chapter.id", ondelete="CASCADE"), default=None
    )
    position: Mapped[int] = mapped_column(default=0)
    number: Mapped[str] = mapped_column(String(20), default="")
    title: Mapped[str] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text, default="")
    # Dagdelen per week the chapter's text names for its projects together, if any.
    stated_half_days: Mapped[Decimal | None] = mapped_column(ScaledDecimal(1), default=None)

    plan: Mapped[Plan] = relationship(back_populates="chapters")
    parent: Mapped[Chapter | None] = relationship(remote_side=[id], back_populates="children")
    # The database deletes the rows below a deleted parent (ON DELETE CASCADE).
    children: Mapped[list[Chapter]] = relationship(
        back_populates="parent", order_by="Chapter.position", passive_deletes=True
    )
    projects: Mapped[list[Project]] = relationship(
        back_populates="chapter", cascade="all, delete-orphan", order_by="Project.position"
    )


class ProjectStatus(enum.Enum):
    UNKNOWN = "onbekend"
    ON_TRACK = "op koers"
    AT_RISK = "aandacht"
    OFF_TRACK = "achter"
    DONE = "afgerond"


class Project(Base):
    """A project or activity in a chapter; ``is_general`` marks general work."""

    __tablename__ = "project"

    id: Mapped[int] = mapped_column(primary_key=True)
    chapter_id: Mapped[int] = mapped_column(ForeignKey("chapter.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    number: Mapped[str] = mapped_column(String(20), default="")
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    sponsor_admin: Mapped[str] = mapped_column(String(200), default="")
    sponsor_official: Mapped[str] = mapped_column(String(200), default="")
    contractor: Mapped[str] = mapped_column(String(200), default="")
    start_date: Mapped[date | None] = mapped_column(default=None)
    end_date: Mapped[date | None] = mapped_column(default=None)
    status: Mapped[ProjectStatus] = mapped_column(_enum(ProjectStatus), default=ProjectStatus.UNKNOWN)
    # General work not tied to one project ("doorlopend algemeen").
    is_general: Mapped[bool] = mapped_column(default=False)
    # Dagdelen the chapter text names, kept as published so a mismatch with
    # the staffing table can be shown instead of silently repaired.
    stated_half_days: Mapped[Decimal | None] = mapped_column(ScaledDecimal(1), default=None)
    # The name the staffing table uses for this project, e.g. "Beleidsinzet inkoop".
    staffing_label: Mapped[str] = mapped_column(String(200), default="")
    copied_from_id: Mapped[int | None] = copied_from("project")

    chapter: Mapped[Chapter] = relationship(back_populates="projects")
    goals: Mapped[list[Goal]] = relationship(
        back_populates="project", cascade="all, delete-orphan", order_by="Goal.position"
    )
    actions: Mapped[list[Action]] = relationship(
        back_populates="project", cascade="all, delete-orphan", order_by="Action.position"
    )


class Goal(Base):
    """A "te bereiken doel" of a project for the plan year."""

    __tablename__ = "goal"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(Text)

    project: Mapped[Project] = relationship(back_populates="goals")


class ActionStatus(enum.Enum):
    UNKNOWN = "onbekend"
    IN_PROGRESS = "in behandeling"
    ACHIEVED = "behaald"
    NOT_ACHIEVED = "niet behaald"


class Action(Base):
    """An inspanning: a step with owner, due date and a traffic-light status."""

    __tablename__ = "action"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    description: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(200), default="")
    due_date: Mapped[date | None] = mapped_column(default=None)
    # The due period as typed and printed ("Q4 2021", "vanaf 2023", "doorlopend": app.services.periods),
    # "" for a plain date; due_date is then the period's last day (None: open-ended or ongoing), so
    # an action is overdue once its period has ended. Or a recurrence ("maandelijks van 01-01-2022
    # tot en met 31-12-2022"), due_date its last day; its occurrences' statuses: ActionOccurrence.
    due_text: Mapped[str] = mapped_column(String(120), default="", server_default="")
    status: Mapped[ActionStatus] = mapped_column(_enum(ActionStatus), default=ActionStatus.UNKNOWN)
    remark: Mapped[str] = mapped_column(Text, default="")
    updated_on: Mapped[date | None] = mapped_column(default=None)
    copied_from_id: Mapped[int | None] = copied_from("action")

    project: Mapped[Project] = relationship(back_populates="actions")

