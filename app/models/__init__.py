"""The domain model: SQLAlchemy 2.0 mapped classes. No Qt here (import-linter enforces it)."""
from app.models.actuals import ActualEntry, ActualKind, LineForecast
from app.models.base import Base
from app.models.change_log import ChangeLog
from app.models.checkout import Checkout
from app.models.indicators import Breakdown, Indicator, IndicatorTarget, IndicatorUnit, IndicatorValue
from app.models.moments import ActionOccurrence, ReportingMoment, StatusRecord
from app.models.budget import (
    BudgetCell,
    BudgetGroup,
    BudgetLine,
    FixedSettlement,
    FixedSettlementAmount,
    FundingAmount,
    FundingKind,
    FundingSource,
    Marker,
    PrintedTotal,
)
from app.models.plan import (
    Action,
    ActionStatus,
    Chapter,
    Goal,
    Plan,
    PlanKind,
    PlanStatus,
    Project,
    ProjectStatus,
)
from app.models.region import (
    AllocationKey,
    Ambition,
    KeyMethod,
    KeyShare,
    Municipality,
    MunicipalitySet,
    ProjectAmbition,
    Region,
)
from app.models.staffing import Allocation, Person, Role

__all__ = [
    "ActualEntry", "ActualKind", "LineForecast", "ReportingMoment", "StatusRecord",
    "Breakdown", "Indicator", "IndicatorTarget", "IndicatorUnit", "IndicatorValue",
    "Action", "ActionStatus", "Allocation", "AllocationKey", "Ambition", "Base", "BudgetCell", "BudgetGroup",
    "BudgetLine", "ChangeLog", "Chapter", "Checkout", "FixedSettlement", "FixedSettlementAmount",
    "FundingAmount", "FundingKind", "FundingSource", "Goal", "KeyMethod", "KeyShare", "Marker", "Municipality",
    "MunicipalitySet", "Person", "Plan", "PlanKind", "PlanStatus", "Project", "ProjectAmbition",
    "PrintedTotal", "ProjectStatus", "Region", "Role",
]
