"""What the Monitor page reads, as plain data from the services (app.services.indicators and
app.services.region_admin), each read in a session of its own: no query and no rule here."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class MonitorData:
    region_id: int
    region: str
    municipalities: list[str]  # in the region's order
    indicators: list = field(default_factory=list)  # app.services.indicators.IndicatorTable, in order


def load_monitor(workspace, region_id: int) -> MonitorData | None:
    """The region's name, its municipalities and every indicator's table; None when it is gone."""
    from app.services.indicators import region_indicators
    from app.services.region_admin import load_region_admin

    admin = load_region_admin(workspace, region_id)
    if admin is None:
        return None
    with workspace.session() as session:
        tables = region_indicators(session, region_id)
    return MonitorData(region_id, admin.name, [m.name for m in admin.municipalities], tables)
