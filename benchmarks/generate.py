"""A large, deterministic workspace for the benchmarks.

``build_large_workspace(path)`` writes a ``.planbord`` file with one region of
ten municipalities and ten yearly plans (2017..2026). The newest plan is the
big one: 200 projects in a chapter tree, 30 people, 2,000 budget lines over
three years, funding and fixed settlements. The nine older plans are smaller.

Everything comes from ``random.Random(seed)``: no clock, no environment, so two
builds hold the same data (the test compares them).

Command line::

    python benchmarks/generate.py OUT.planbord [--seed N] [--scale N]
"""
from __future__ import annotations

import random
import sys
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.models import (  # noqa: E402
    Action,
    ActionStatus,
    Allocation,
    AllocationKey,
    BudgetCell,
    BudgetGroup,
    BudgetLine,
    Role,
    Chapter,
    FixedSettlement,
    FixedSettlementAmount,
    FundingAmount,
    FundingSource,
    Goal,
    KeyMethod,
    KeyShare,
    Marker,
    Municipality,
    MunicipalitySet,
    Person,
    Plan,
    PlanStatus,
    Project,
    ProjectStatus,
    Region,
)
from app.services.workspace import create_workspace  # noqa: E402

DEFAULT_SEED = 20260101
REGION_NAME = "Regio Groot"
FIRST_PLAN_YEAR = 2017
LAST_PLAN_YEAR = 2026

# Fictitious municipalities; the first two are left out of H8 (as Den Haag is in the 2022 plan).
MUNICIPALITIES = [
    "Groot-Havenstad", "Duinwijk", "Veenmeer", "Lindeveld", "Rietburg",
    "Westerhoeve", "Oosterbroek", "Kanaalzijde", "Molendorp", "Polderzoom",
]
ROLES = [  # role, part of its fte for execution; the fte is the sum of its people
    ("Programmamanager", Decimal("0.4")),
    ("Beleidsadviseur", Decimal("0.8")),
    ("Projectsecretaris", Decimal("0.5")),
]
FIRST_NAMES = [
    "Anna", "Bram", "Carla", "Daan", "Eva", "Fleur", "Gert", "Hanna", "Ilse", "Joost",
    "Karin", "Lars", "Marloes", "Niels", "Olga", "Pieter", "Quinten", "Roos", "Sander", "Tess",
]
LAST_NAMES = [
    "de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder",
    "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker",
]
THEMES = [
    "Regionale netwerksamenwerking", "Jeugdbescherming", "Inkoop en contractbeheer",
    "Kwaliteit en toezicht", "Preventie en vroegsignalering", "Transformatie",
    "Gesloten jeugdhulp", "Crisiszorg", "Dyslexiezorg", "Pleegzorg",
]
FUNDING_SOURCES = [
    "Reguliere regiobegroting", "Transformatiefonds", "Rijksbijdrage", "Bestemmingsreserve",
]
SETTLEMENTS = [
    "Veilig Thuis", "Regionaal expertteam", "Jeugdzorgplus", "Landelijk transitiearrangement",
    "Coördinatie zorgaanbieders",
]
ACTION_STATUSES = list(ActionStatus)
PROJECT_STATUSES = list(ProjectStatus)
MARKERS = [Marker.PM, Marker.IDEM, Marker.ONGOING]


@dataclass(frozen=True)
class PlanShape:
    chapters: int
    paragraphs: int  # per chapter
    projects: int  # per paragraph
    groups: int
    lines: int  # per group
    people: int
    settlements: int

    @property
    def project_count(self) -> int:
        return self.chapters * self.paragraphs * self.projects


LARGE = PlanShape(chapters=5, paragraphs=4, projects=10, groups=40, lines=50, people=30,
                  settlements=5)
SMALL = PlanShape(chapters=2, paragraphs=2, projects=5, groups=10, lines=10, people=8,
                  settlements=2)


@dataclass(frozen=True)
class _RegionIds:
    region: int
    key: int
    h10: int
    h8: int


def _half_days(tenths: int) -> Decimal:
    return Decimal(tenths).scaleb(-1)  # one decimal, e.g. Decimal("2.5")


def _build_region(workspace, rng: random.Random) -> _RegionIds:
    with workspace.transaction() as session:
        region = Region(name=REGION_NAME)
        municipalities = [
            Municipality(name=name, position=i) for i, name in enumerate(MUNICIPALITIES)
        ]
        region.municipalities = municipalities
        h10 = MunicipalitySet(code="H10", name="Alle tien gemeenten", position=0,
                              members=list(municipalities))
        h8 = MunicipalitySet(code="H8", name="Acht gemeenten (zonder de twee grootste)",
                             position=1, members=municipalities[2:])
        region.municipality_sets = [h10, h8]
        key = AllocationKey(name="Inwonersaantal", method=KeyMethod.BASIS,
                            basis_label="Inwoners (indicatief)")
        populations = [rng.randint(300_000, 560_000), rng.randint(100_000, 130_000)] + [
            rng.randint(20_000, 110_000) for _ in municipalities[2:]
        ]
        key.shares = [
            KeyShare(municipality=m, basis=population)
            for m, population in zip(municipalities, populations)
        ]
        region.allocation_keys = [key]
        session.add(region)
        session.flush()
        return _RegionIds(region=region.id, key=key.id, h10=h10.id, h8=h8.id)


def _person_name(rng: random.Random, used: set[str]) -> str:
    while True:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        if name not in used:
            used.add(name)
            return name


def _build_plan(workspace, rng: random.Random, ids: _RegionIds, year: int,
                shape: PlanShape) -> None:
    years = [year - 1, year, year + 1]
    newest = year == LAST_PLAN_YEAR
    with workspace.transaction() as session:
        plan = Plan(
            region_id=ids.region, year=year, title=f"Uitvoeringsplan {year} {REGION_NAME}",
            status=PlanStatus.DRAFT if newest else PlanStatus.ADOPTED,
            adopted_on=None if newest else date(year - 1, 11, 11),
            adopted_by="" if newest else "BOJ",
            first_year=years[0], last_year=years[-1], allocation_key_id=ids.key,
        )
        session.add(plan)
        session.flush()  # plan.id for the tables that refer to it without a relationship

        # Chapters ("3"), paragraphs ("3.2") and projects ("3.2.7").
        projects: list[Project] = []
        chapters: list[Chapter] = []
        for c in range(1, shape.chapters + 1):
            theme = THEMES[(c - 1) % len(THEMES)]
            chapter = Chapter(plan=plan, number=str(c), title=theme, position=c,
                              text=f"Inleiding bij hoofdstuk {c}: {theme.lower()}.")
            chapters.append(chapter)
            for p in range(1, shape.paragraphs + 1):
                paragraph = Chapter(plan=plan, parent=chapter, number=f"{c}.{p}", position=p,
                                    title=f"{theme}: deelgebied {p}")
                chapters.append(paragraph)
                for n in range(1, shape.projects + 1):
                    number = f"{c}.{p}.{n}"
                    start = date(year, rng.randint(1, 6), rng.randint(1, 28))
                    project = Project(
                        chapter=paragraph, number=number, position=n,
                        title=f"Project {number} {theme.lower()}",
                        description=f"Beschrijving van project {number}. " * rng.randint(1, 4),
                        sponsor_admin=f"Wethouder {rng.choice(MUNICIPALITIES)}",
                        sponsor_official=f"Beleidsadviseur {rng.choice(MUNICIPALITIES)}",
                        contractor="Programmabureau",
                        start_date=start,
                        end_date=date(year, rng.randint(7, 12), rng.randint(1, 28)),
                        status=rng.choice(PROJECT_STATUSES),
                        is_general=(n == 1 and p == 1),
                        staffing_label=f"Inzet {number}",
                    )
                    project.goals = [
                        Goal(position=g, text=f"Doel {g} van project {number}: resultaat bereikt.")
                        for g in range(1, 4)
                    ]
                    project.actions = [
                        Action(position=a, description=f"Actie {a} voor project {number}",
                               owner=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                               due_date=date(year, rng.randint(1, 12), rng.randint(1, 28)),
                               status=rng.choice(ACTION_STATUSES),
                               updated_on=date(year, 1, 15))
                        for a in range(1, 4)
                    ]
                    projects.append(project)
        session.add_all(chapters)

        # Formatie, people and their dagdelen per project.
        capacities = [
            Role(plan_id=plan.id, position=i, role=role, fte=Decimal("0.00"),
                     execution_fte=Decimal("0.00"))
            for i, (role, _part) in enumerate(ROLES)
        ]
        used: set[str] = set()
        people = [
            Person(plan_id=plan.id, position=i, name=_person_name(rng, used),
                   role=capacities[0] if i == 0 else capacities[1 + (i % 4 == 0)],
                   available_half_days=_half_days(rng.choice([40, 60, 72, 80, 90, 100])))
            for i in range(shape.people)
        ]
        for capacity, (_role, part) in zip(capacities, ROLES):
            half_days = sum((p.available_half_days for p in people if p.role is capacity),
                            Decimal(0))
            capacity.fte = (half_days / 10).quantize(Decimal("0.01"))
            capacity.execution_fte = (capacity.fte * part).quantize(Decimal("0.01"),
                                                                    rounding=ROUND_HALF_UP)
        session.add_all(capacities)
        session.add_all(people)
        # About as many dagdelen allocated as there is capacity for execution; some
        # people end up overbooked, and a few chapter texts disagree with the staffing.
        execution_tenths = int(sum(c.execution_fte for c in capacities) * 100)
        mean_tenths = max(1, execution_tenths * 95 // 100 // (2 * len(projects)))
        allocations = []
        for project in projects:
            own = []
            for _ in range(rng.randint(1, 3)):
                person = rng.choice(people) if rng.random() < 0.85 else None
                own.append(Allocation(
                    plan_id=plan.id, project=project, person=person,
                    role=None if person is not None else rng.choice(capacities),
                    half_days=_half_days(rng.randint(1, 2 * mean_tenths - 1)),
                ))
            allocations += own
            draw = rng.random()
            if draw < 0.90:
                project.stated_half_days = sum((a.half_days for a in own), Decimal("0.0"))
            elif draw < 0.95:
                project.stated_half_days = _half_days(rng.randint(1, 60))
            else:
                project.stated_half_days = None
        session.add_all(allocations)
        session.flush()  # project ids for the budget lines

        # Begroting: top-level groups "1".."N" with their lines and cells.
        totals = {y: 0 for y in years}
        groups = []
        for g in range(1, shape.groups + 1):
            group = BudgetGroup(
                plan_id=plan.id, number=str(g), position=g, shows_subtotal=True,
                name=f"{THEMES[(g - 1) % len(THEMES)]} {g}",
                municipality_set_id=ids.h8 if g % 7 == 0 else None,
            )
            lines = []
            for n in range(1, shape.lines + 1):
                project = projects[(g * shape.lines + n) % len(projects)] if n % 5 == 1 else None
                line = BudgetLine(position=n, name=f"Begrotingspost {g}.{n}",
                                  project_id=project.id if project is not None else None,
                                  municipality_set_id=ids.h8 if n % 17 == 0 else None)
                cells = []
                for y in years:
                    draw = rng.random()
                    if draw < 0.03:  # a marker instead of an amount
                        marker = rng.choice(MARKERS)
                        if marker is Marker.IDEM and y == years[0]:
                            marker = Marker.PM
                        cells.append(BudgetCell(year=y, marker=marker))
                    elif draw < 0.05:  # empty: no row
                        continue
                    else:
                        amount = rng.randint(1, 400) * 250 + rng.randint(0, 99)
                        totals[y] += amount
                        cells.append(BudgetCell(year=y, amount=Decimal(amount)))
                line.cells = cells
                lines.append(line)
            group.lines = lines
            groups.append(group)
        session.add_all(groups)

        # Dekking: fixed parts, the last source takes the rest plus a small saldo.
        sources = []
        for i, name in enumerate(FUNDING_SOURCES):
            source = FundingSource(plan_id=plan.id, position=i, name=name)
            amounts = []
            for y in years:
                if i < len(FUNDING_SOURCES) - 1:
                    amount = totals[y] * (50 - 15 * i) // 100
                else:
                    amount = totals[y] - sum(totals[y] * (50 - 15 * k) // 100
                                             for k in range(len(FUNDING_SOURCES) - 1))
                    amount += rng.randint(-5, 5) * 1000
                amounts.append(FundingAmount(year=y, amount=Decimal(amount)))
            source.amounts = amounts
            sources.append(source)
        session.add_all(sources)

        # Overige vaste regioverrekeningen, alternately H8 and H10.
        settlements = []
        for i in range(shape.settlements):
            settlement = FixedSettlement(
                plan_id=plan.id, position=i, name=SETTLEMENTS[i % len(SETTLEMENTS)],
                municipality_set_id=ids.h8 if i % 2 == 0 else ids.h10,
            )
            settlement.amounts = [
                FixedSettlementAmount(year=y, amount=Decimal(rng.randint(20, 2000) * 1000))
                for y in years
            ]
            settlements.append(settlement)
        session.add_all(settlements)


def scaled(shape: PlanShape, scale: int) -> PlanShape:
    """``shape`` ``scale`` times as large where a big region or an archive grows: groups (of as many
    lines each), projects and settlements; ten times LARGE is 20,000 lines in 400 groups and 2,000
    projects."""
    if scale < 1:
        raise ValueError(f"scale must be 1 or more, not {scale}")
    return PlanShape(chapters=shape.chapters, paragraphs=shape.paragraphs, projects=shape.projects * scale,
                     groups=shape.groups * scale, lines=shape.lines, people=shape.people,
                     settlements=shape.settlements)


def build_large_workspace(path: Path | str, seed: int = DEFAULT_SEED, scale: int = 1) -> None:
    """Create ``path`` (must not exist) and fill it with the benchmark data; ``scale`` multiplies
    the newest plan (:func:`scaled`)."""
    rng = random.Random(seed)
    workspace = create_workspace(Path(path))
    try:
        ids = _build_region(workspace, rng)
        for year in range(FIRST_PLAN_YEAR, LAST_PLAN_YEAR + 1):
            _build_plan(workspace, rng, ids, year, scaled(LARGE, scale) if year == LAST_PLAN_YEAR else SMALL)
    finally:
        workspace.close()


def main(argv: list[str] | None = None) -> int:
    import argparse
    import time

    parser = argparse.ArgumentParser(description="Write the large benchmark workspace.")
    parser.add_argument("out", type=Path, help="the .planbord file to create (must not exist)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--scale", type=int, default=1, help="the newest plan this many times as large")
    args = parser.parse_args(argv)
    if args.out.exists():
        print(f"{args.out} bestaat al; kies een andere naam.", file=sys.stderr)
        return 1
    started = time.perf_counter()
    build_large_workspace(args.out, seed=args.seed, scale=args.scale)
    print(f"{args.out}: {time.perf_counter() - started:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
