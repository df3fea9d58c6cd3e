"""Realisatie (issue 20): bookings on budget lines (spent, or ordered: verplichtingen) and on
funding sources (received), a forecast typed for a line's year, and a plan whose comparison
columns hold the previous plan's realisatie instead of its budget.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.add_column(sa.Column('comparison_realised', sa.Boolean(), server_default='0', nullable=False))

    op.create_table('actual_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('line_id', sa.Integer(), nullable=True),
    sa.Column('source_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.Enum('realisatie', 'verplichting', name='actualkind', native_enum=False, length=20), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('booked_on', sa.Date(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('description', sa.String(length=300), nullable=False),
    sa.Column('reference', sa.String(length=100), nullable=False),
    sa.CheckConstraint('(line_id IS NULL) <> (source_id IS NULL)', name=op.f('ck_actual_entry_line_or_source')),
    sa.CheckConstraint("source_id IS NULL OR kind = 'realisatie'", name=op.f('ck_actual_entry_income_is_realised')),
    sa.ForeignKeyConstraint(['line_id'], ['budget_line.id'], name=op.f('fk_actual_entry_line_id_budget_line'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['funding_source.id'], name=op.f('fk_actual_entry_source_id_funding_source'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_actual_entry')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('actual_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_actual_entry_line_id'), ['line_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_actual_entry_source_id'), ['source_id'], unique=False)

    op.create_table('line_forecast',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('line_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['line_id'], ['budget_line.id'], name=op.f('fk_line_forecast_line_id_budget_line'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_line_forecast')),
    sa.UniqueConstraint('line_id', 'year', name=op.f('uq_line_forecast_line_id_year')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('line_forecast', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_line_forecast_line_id'), ['line_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('line_forecast', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_line_forecast_line_id'))
    op.drop_table('line_forecast')
    with op.batch_alter_table('actual_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_actual_entry_source_id'))
        batch_op.drop_index(batch_op.f('ix_actual_entry_line_id'))
    op.drop_table('actual_entry')
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.drop_column('comparison_realised')
