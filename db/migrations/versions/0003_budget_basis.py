"""What the municipalities pay and the annex as published (issue 13): funding sources paid by
the municipalities or by others (with an earmark), comparison year columns, printed subtotals,
the total's label, footnote numbers and markers as the source wrote them, a chapter's stated
dagdelen, example key figures.

Existing sources become the municipalities' own (what the key split before); no comparison
columns: a file keeps its figures.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('printed_total',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=True),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['budget_group.id'], name=op.f('fk_printed_total_group_id_budget_group'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_printed_total_plan_id_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_printed_total')),
    sa.UniqueConstraint('plan_id', 'group_id', 'year', name=op.f('uq_printed_total_plan_id_group_id_year')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('printed_total', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_printed_total_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_printed_total_plan_id'), ['plan_id'], unique=False)

    with op.batch_alter_table('allocation_key', schema=None) as batch_op:
        batch_op.add_column(sa.Column('example', sa.Boolean(), server_default='0', nullable=False))

    with op.batch_alter_table('budget_cell', schema=None) as batch_op:
        batch_op.add_column(sa.Column('note_number', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('marker_text', sa.String(length=20), server_default='', nullable=False))

    with op.batch_alter_table('budget_line', schema=None) as batch_op:
        batch_op.add_column(sa.Column('note_number', sa.Integer(), nullable=True))

    with op.batch_alter_table('chapter', schema=None) as batch_op:
        batch_op.add_column(sa.Column('stated_half_days', sa.BigInteger(), nullable=True))

    with op.batch_alter_table('funding_source', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.Enum('municipal', 'other', name='fundingkind', native_enum=False, length=20), server_default='municipal', nullable=False))
        batch_op.add_column(sa.Column('earmark_group_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('earmark_line_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_funding_source_earmark_group_id_budget_group'), 'budget_group', ['earmark_group_id'], ['id'], ondelete='SET NULL')
        batch_op.create_foreign_key(batch_op.f('fk_funding_source_earmark_line_id_budget_line'), 'budget_line', ['earmark_line_id'], ['id'], ondelete='SET NULL')

    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.add_column(sa.Column('comparison_columns', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('total_label', sa.String(length=300), server_default='', nullable=False))



def downgrade() -> None:
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.drop_column('total_label')
        batch_op.drop_column('comparison_columns')

    with op.batch_alter_table('funding_source', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_funding_source_earmark_line_id_budget_line'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_funding_source_earmark_group_id_budget_group'), type_='foreignkey')
        batch_op.drop_column('earmark_line_id')
        batch_op.drop_column('earmark_group_id')
        batch_op.drop_column('kind')

    with op.batch_alter_table('chapter', schema=None) as batch_op:
        batch_op.drop_column('stated_half_days')

    with op.batch_alter_table('budget_line', schema=None) as batch_op:
        batch_op.drop_column('note_number')

    with op.batch_alter_table('budget_cell', schema=None) as batch_op:
        batch_op.drop_column('marker_text')
        batch_op.drop_column('note_number')

    with op.batch_alter_table('allocation_key', schema=None) as batch_op:
        batch_op.drop_column('example')

    with op.batch_alter_table('printed_total', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_printed_total_plan_id'))
        batch_op.drop_index(batch_op.f('ix_printed_total_group_id'))

    op.drop_table('printed_total')
