"""Which row of the plan it was copied from, for budget groups and lines, funding sources,
projects and actions (issue 17): a comparison of an amendment, a scenario or next year's plan with
its origin matches a renamed or moved line by identity instead of by its name.

Existing copies get no link (a comparison falls back to group and name for them).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ('budget_group', 'budget_line', 'funding_source', 'project', 'action')


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('copied_from_id', sa.Integer(), nullable=True))
            batch_op.create_index(batch_op.f(f'ix_{table}_copied_from_id'), ['copied_from_id'], unique=False)
            batch_op.create_foreign_key(batch_op.f(f'fk_{table}_copied_from_id_{table}'), table,
                                        ['copied_from_id'], ['id'], ondelete='SET NULL')


def downgrade() -> None:
    for table in reversed(TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(batch_op.f(f'fk_{table}_copied_from_id_{table}'), type_='foreignkey')
            batch_op.drop_index(batch_op.f(f'ix_{table}_copied_from_id'))
            batch_op.drop_column('copied_from_id')
