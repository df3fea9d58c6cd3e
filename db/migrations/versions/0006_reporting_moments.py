"""Peilmomenten (issue 21): the moments a region reports progress, and each action's status and
remark recorded for a moment; an action's due period as typed ("Q4 2021", "doorlopend"); the
monitor's indicators with their values and targets per year.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATUSES = ('onbekend', 'in behandeling', 'behaald', 'niet behaald')
UNITS = ('aantal', 'cliënten', 'percentage', 'euro', 'dagen')
BREAKDOWNS = ('geen', 'gemeente', 'organisatie')


def upgrade() -> None:
    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.add_column(sa.Column('due_text', sa.String(length=60), server_default='', nullable=False))

    op.create_table('reporting_moment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_reporting_moment_plan_id_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reporting_moment')),
    sa.UniqueConstraint('plan_id', 'as_of', name=op.f('uq_reporting_moment_plan_id_as_of')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('reporting_moment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reporting_moment_plan_id'), ['plan_id'], unique=False)

    op.create_table('status_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.Column('moment_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum(*STATUSES, name='actionstatus', native_enum=False, length=30), nullable=False),
    sa.Column('remark', sa.Text(), nullable=False),
    sa.Column('recorded_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['action_id'], ['action.id'], name=op.f('fk_status_record_action_id_action'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['moment_id'], ['reporting_moment.id'], name=op.f('fk_status_record_moment_id_reporting_moment'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_status_record')),
    sa.UniqueConstraint('action_id', 'moment_id', name=op.f('uq_status_record_action_id_moment_id')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('status_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_status_record_action_id'), ['action_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_status_record_moment_id'), ['moment_id'], unique=False)


    op.create_table('indicator',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('unit', sa.Enum(*UNITS, name='indicatorunit', native_enum=False, length=30), nullable=False),
    sa.Column('additive', sa.Boolean(), nullable=False),
    sa.Column('breakdown', sa.Enum(*BREAKDOWNS, name='breakdown', native_enum=False, length=30), nullable=False),
    sa.Column('source', sa.String(length=300), nullable=False),
    sa.Column('definition', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['region_id'], ['region.id'], name=op.f('fk_indicator_region_id_region'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator')),
    sa.UniqueConstraint('region_id', 'name', name=op.f('uq_indicator_region_id_name')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_region_id'), ['region_id'], unique=False)
    for table, extra, unique in (('indicator_value', [sa.Column('member', sa.String(length=200), nullable=False),
                                                      sa.Column('value', sa.BigInteger(), nullable=False),
                                                      sa.Column('note', sa.Text(), nullable=False)],
                                  ('indicator_id', 'year', 'member')),
                                 ('indicator_target', [sa.Column('value', sa.BigInteger(), nullable=False)],
                                  ('indicator_id', 'year'))):
        columns = [sa.Column('id', sa.Integer(), nullable=False),
                   sa.Column('indicator_id', sa.Integer(), nullable=False),
                   sa.Column('year', sa.Integer(), nullable=False)]
        if table == 'indicator_value':
            columns = columns[:3] + extra
        else:
            columns = columns + extra
        op.create_table(table, *columns,
                        sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'],
                                                name=op.f(f'fk_{table}_indicator_id_indicator'), ondelete='CASCADE'),
                        sa.PrimaryKeyConstraint('id', name=op.f(f'pk_{table}')),
                        sa.UniqueConstraint(*unique, name=op.f(f"uq_{table}_{'_'.join(unique)}")),
                        sqlite_autoincrement=True)
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(batch_op.f(f'ix_{table}_indicator_id'), ['indicator_id'], unique=False)


def downgrade() -> None:
    for table in ('indicator_target', 'indicator_value', 'indicator'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f'ix_{table}_{"region" if table == "indicator" else "indicator"}_id'))
        op.drop_table(table)
    with op.batch_alter_table('status_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_status_record_moment_id'))
        batch_op.drop_index(batch_op.f('ix_status_record_action_id'))
    op.drop_table('status_record')
    with op.batch_alter_table('reporting_moment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reporting_moment_plan_id'))
    op.drop_table('reporting_moment')
    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.drop_column('due_text')
