"""A recurring action's status per occurrence (issue 21): action_occurrence. The recurrence itself
is the action's planning, typed in its due cell ("maandelijks") and kept in due_text, widened to
120 characters for a recurrence in parts ("maandelijks van 01-2022 t/m 06-2022, daarna elk kwartaal
van 07-2022 t/m 12-2022").

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATUSES = ('onbekend', 'in behandeling', 'behaald', 'niet behaald')


def upgrade() -> None:
    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.alter_column('due_text', existing_type=sa.String(length=60), type_=sa.String(length=120),
                              existing_nullable=False, existing_server_default='')

    op.create_table('action_occurrence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('status', sa.Enum(*STATUSES, name='actionstatus', native_enum=False, length=30), nullable=False),
    sa.Column('remark', sa.Text(), nullable=False),
    sa.Column('recorded_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['action_id'], ['action.id'], name=op.f('fk_action_occurrence_action_id_action'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_action_occurrence')),
    sa.UniqueConstraint('action_id', 'period_start', name=op.f('uq_action_occurrence_action_id_period_start')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('action_occurrence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_action_occurrence_action_id'), ['action_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('action_occurrence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_action_occurrence_action_id'))
    op.drop_table('action_occurrence')
    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.alter_column('due_text', existing_type=sa.String(length=120), type_=sa.String(length=60),
                              existing_nullable=False, existing_server_default='')
