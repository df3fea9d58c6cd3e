"""The budget's marker cells indexed on their own (issue 18): the problems list reads the few
cells with PM, id. or doorlopend without stepping through all of a plan's cells (at 20,000 lines a
tenth of the summary's time).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index('ix_budget_cell_marker', 'budget_cell', ['line_id', 'year'], unique=False,
                    sqlite_where=sa.text('marker IS NOT NULL'),
                    postgresql_where=sa.text('marker IS NOT NULL'))


def downgrade() -> None:
    op.drop_index('ix_budget_cell_marker', table_name='budget_cell')
