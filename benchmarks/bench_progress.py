"""The progress overview at a reporting moment (issue 21), on a plan of 200 projects with 2,000
actions and 10 moments.

Loaded by run.py (``EXTENSIONS``). A copy of the large workspace (200 projects, 3 actions each)
gets 7 more actions per project and 10 reporting moments, a month apart, at each of which half
of the actions (a different half each time) have a status recorded; written with Core inserts,
untimed. Then, in process:

- ``progress_at_moment_large``: ``load_moment_overview`` at the last moment (statuses as of that
  moment, the traffic light per project, what changed since the ninth), median of the runs.
  Goal: under 0.3 s.
"""
from __future__ import annotations

import random
import shutil
import statistics
import time
from datetime import date

GOAL_S = 0.3
ACTIONS_PER_PROJECT = 10
MOMENTS = 10


def _prepared(ctx):
    from benchmarks.run import BenchmarkError, _plan_year

    if ctx.large is None:
        raise BenchmarkError(f"no large workspace: {ctx.large_error}")
    path = ctx.tmp / "progress-moments.planbord"
    shutil.copyfile(ctx.large, path)
    from sqlalchemy import func, insert, select

    from app.models import Action, ActionStatus, Chapter, Project
    from app.models.moments import ReportingMoment, StatusRecord
    from app.services.plans import find_plan
    from app.services.workspace import open_workspace

    workspace = open_workspace(path)
    rng = random.Random(21)
    year = _plan_year()
    with workspace.transaction() as session:
        plan = find_plan(session, year)
        projects = list(session.scalars(select(Project.id).join(Project.chapter).where(Chapter.plan_id == plan.id)))
        have = dict(session.execute(select(Action.project_id, func.count()).where(Action.project_id.in_(projects))
                                    .group_by(Action.project_id)).all())
        statuses = list(ActionStatus)
        rows = [{"project_id": p, "position": n, "description": f"Actie {n} van project {p}", "owner": "",
                 "due_date": date(year, rng.randint(1, 12), rng.randint(1, 28)), "due_text": "",
                 "status": ActionStatus.UNKNOWN, "remark": "", "updated_on": date(year, 1, 15)}
                for p in projects for n in range(have.get(p, 0) + 1, ACTIONS_PER_PROJECT + 1)]
        if rows:
            session.execute(insert(Action), rows)
        actions = list(session.scalars(select(Action.id).where(Action.project_id.in_(projects))))
        moments = []
        for number in range(MOMENTS):
            moment = ReportingMoment(plan_id=plan.id, name=f"Stand {number + 1}", as_of=date(year, 2 + number, 1))
            session.add(moment)
            moments.append(moment)
        session.flush()
        records = [{"action_id": a, "moment_id": m.id, "status": rng.choice(statuses), "remark": "",
                    "recorded_on": m.as_of}
                   for m in moments for a in rng.sample(actions, len(actions) // 2)]
        session.execute(insert(StatusRecord), records)
        plan_id, last_moment = plan.id, moments[-1].id
    if len(actions) < len(projects) * ACTIONS_PER_PROJECT:
        raise BenchmarkError(f"only {len(actions)} actions made")
    return workspace, plan_id, last_moment, len(projects), len(actions)


def progress_at_moment_large(ctx) -> dict:
    from app.services.moment_overview import load_moment_overview

    workspace, plan_id, moment_id, projects, actions = _prepared(ctx)
    try:
        started = time.perf_counter()
        overview = load_moment_overview(workspace, plan_id, moment_id)
        first = time.perf_counter() - started
        shown = sum(len(a) for a in overview.actions.values())
        assert shown == actions, (shown, actions)
        timings = []
        for _ in range(max(ctx.runs, 5)):
            started = time.perf_counter()
            load_moment_overview(workspace, plan_id, moment_id)
            timings.append(time.perf_counter() - started)
    finally:
        workspace.close()
    median = statistics.median(timings)
    return {"median_s": median, "runs": len(timings), "first_s": first, "projects": projects,
            "actions": actions, "moments": MOMENTS, "goal": f"< {GOAL_S} s", "meets_goal": median < GOAL_S}


BENCHMARKS = [("progress_at_moment_large", progress_at_moment_large)]
BASELINES: dict[str, str] = {}
