"""Initial schema: region, plans, staffing, budget and funding.

Exact numbers are BIGINT (cents, tenths of dagdelen, hundredths of fte and %);
see app/models/types.py. Written out in full, not from the models, so this
revision stays the same when the models change later.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-23
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('region',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_region')),
    sqlite_autoincrement=True
    )
    op.create_table('allocation_key',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('method', sa.Enum('percentage', 'basis', name='keymethod', native_enum=False, length=20), nullable=False),
    sa.Column('basis_label', sa.String(length=200), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['region_id'], ['region.id'], name=op.f('fk_allocation_key_region_id_region'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_allocation_key')),
    sqlite_autoincrement=True
    )
    op.create_table('municipality',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['region_id'], ['region.id'], name=op.f('fk_municipality_region_id_region'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_municipality')),
    sa.UniqueConstraint('region_id', 'name', name=op.f('uq_municipality_region_id_name')),
    sqlite_autoincrement=True
    )
    op.create_table('municipality_set',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['region_id'], ['region.id'], name=op.f('fk_municipality_set_region_id_region'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_municipality_set')),
    sa.UniqueConstraint('region_id', 'code', name=op.f('uq_municipality_set_region_id_code')),
    sqlite_autoincrement=True
    )
    op.create_table('key_share',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key_id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('basis', sa.Integer(), nullable=True),
    sa.Column('percentage', sa.BigInteger(), nullable=True),
    sa.ForeignKeyConstraint(['key_id'], ['allocation_key.id'], name=op.f('fk_key_share_key_id_allocation_key'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_key_share_municipality_id_municipality'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_key_share')),
    sa.UniqueConstraint('key_id', 'municipality_id', name=op.f('uq_key_share_key_id_municipality_id')),
    sqlite_autoincrement=True
    )
    op.create_table('municipality_set_member',
    sa.Column('set_id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_municipality_set_member_municipality_id_municipality'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['set_id'], ['municipality_set.id'], name=op.f('fk_municipality_set_member_set_id_municipality_set'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('set_id', 'municipality_id', name=op.f('pk_municipality_set_member'))
    )
    op.create_table('plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.Enum('plan', 'amendment', 'scenario', name='plankind', native_enum=False, length=30), nullable=False),
    sa.Column('status', sa.Enum('draft', 'adopted', name='planstatus', native_enum=False, length=30), nullable=False),
    sa.Column('adopted_on', sa.Date(), nullable=True),
    sa.Column('adopted_by', sa.String(length=100), nullable=False),
    sa.Column('based_on_id', sa.Integer(), nullable=True),
    sa.Column('first_year', sa.Integer(), nullable=False),
    sa.Column('last_year', sa.Integer(), nullable=False),
    sa.Column('half_days_per_fte', sa.BigInteger(), nullable=False),
    sa.Column('allocation_key_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['allocation_key_id'], ['allocation_key.id'], name=op.f('fk_plan_allocation_key_id_allocation_key'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['based_on_id'], ['plan.id'], name=op.f('fk_plan_based_on_id_plan'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['region_id'], ['region.id'], name=op.f('fk_plan_region_id_region'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan')),
    sqlite_autoincrement=True
    )
    op.create_table('budget_group',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('shows_subtotal', sa.Boolean(), nullable=False),
    sa.Column('municipality_set_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['municipality_set_id'], ['municipality_set.id'], name=op.f('fk_budget_group_municipality_set_id_municipality_set'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['parent_id'], ['budget_group.id'], name=op.f('fk_budget_group_parent_id_budget_group'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_budget_group_plan_id_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_budget_group')),
    sqlite_autoincrement=True
    )
    op.create_index(op.f('ix_budget_group_parent_id'), 'budget_group', ['parent_id'], unique=False)
    op.create_index(op.f('ix_budget_group_plan_id'), 'budget_group', ['plan_id'], unique=False)
    op.create_table('capacity',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=200), nullable=False),
    sa.Column('fte', sa.BigInteger(), nullable=False),
    sa.Column('execution_fte', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_capacity_plan_id_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_capacity')),
    sqlite_autoincrement=True
    )
    op.create_index(op.f('ix_capacity_plan_id'), 'capacity', ['plan_id'], unique=False)
    op.create_table('chapter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['chapter.id'], name=op.f('fk_chapter_parent_id_chapter'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_chapter_plan_id_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_chapter')),
    sqlite_autoincrement=True
    )
    op.create_index(op.f('ix_chapter_plan_id'), 'chapter', ['plan_id'], unique=False)
    op.create_table('fixed_settlement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('municipality_set_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['municipality_set_id'], ['municipality_set.id'], name=op.f('fk_fixed_settlement_municipality_set_id_municipality_set'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_fixed_settlement_plan_id_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fixed_settlement')),
    sqlite_autoincrement=True
    )
    op.create_index(op.f('ix_fixed_settlement_plan_id'), 'fixed_settlement', ['plan_id'], unique=False)
    op.create_table('funding_source',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_funding_source_plan_id_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_funding_source')),
    sqlite_autoincrement=True
    )
    op.create_index(op.f('ix_funding_source_plan_id'), 'funding_source', ['plan_id'], unique=False)
    op.create_table('fixed_settlement_amount',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('settlement_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['settlement_id'], ['fixed_settlement.id'], name=op.f('fk_fixed_settlement_amount_settlement_id_fixed_settlement'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fixed_settlement_amount')),
    sa.UniqueConstraint('settlement_id', 'year', name=op.f('uq_fixed_settlement_amount_settlement_id_year')),
    sqlite_autoincrement=True
    )
    op.create_table('funding_amount',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['source_id'], ['funding_source.id'], name=op.f('fk_funding_amount_source_id_funding_source'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_funding_amount')),
    sa.UniqueConstraint('source_id', 'year', name=op.f('uq_funding_amount_source_id_year')),
    sqlite_autoincrement=True
    )
    op.create_table('person',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('capacity_id', sa.Integer(), nullable=True),
    sa.Column('available_half_days', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['capacity_id'], ['capacity.id'], name=op.f('fk_person_capacity_id_capacity'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_person_plan_id_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person')),
    sqlite_autoincrement=True
    )
    op.create_index(op.f('ix_person_plan_id'), 'person', ['plan_id'], unique=False)
    op.create_table('project',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('chapter_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('sponsor_admin', sa.String(length=200), nullable=False),
    sa.Column('sponsor_official', sa.String(length=200), nullable=False),
    sa.Column('contractor', sa.String(length=200), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('status', sa.Enum('onbekend', 'op koers', 'aandacht', 'achter', 'afgerond', name='projectstatus', native_enum=False, length=30), nullable=False),
    sa.Column('is_general', sa.Boolean(), nullable=False),
    sa.Column('stated_half_days', sa.BigInteger(), nullable=True),
    sa.Column('staffing_label', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['chapter_id'], ['chapter.id'], name=op.f('fk_project_chapter_id_chapter'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project')),
    sqlite_autoincrement=True
    )
    op.create_index(op.f('ix_project_chapter_id'), 'project', ['chapter_id'], unique=False)
    op.create_table('action',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('owner', sa.String(length=200), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('status', sa.Enum('onbekend', 'in behandeling', 'behaald', 'niet behaald', name='actionstatus', native_enum=False, length=30), nullable=False),
    sa.Column('remark', sa.Text(), nullable=False),
    sa.Column('updated_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_action_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_action')),
    sqlite_autoincrement=True
    )
    op.create_index(op.f('ix_action_project_id'), 'action', ['project_id'], unique=False)
    op.create_table('allocation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('capacity_id', sa.Integer(), nullable=True),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('half_days', sa.BigInteger(), nullable=False),
    sa.CheckConstraint('half_days >= 0', name=op.f('ck_allocation_half_days_not_negative')),
    sa.ForeignKeyConstraint(['capacity_id'], ['capacity.id'], name=op.f('fk_allocation_capacity_id_capacity'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_allocation_person_id_person'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_allocation_plan_id_plan'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_allocation_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_allocation')),
    sqlite_autoincrement=True
    )
    op.create_index(op.f('ix_allocation_plan_id'), 'allocation', ['plan_id'], unique=False)
    op.create_index(op.f('ix_allocation_project_id'), 'allocation', ['project_id'], unique=False)
    op.create_table('budget_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=True),
    sa.Column('municipality_set_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['budget_group.id'], name=op.f('fk_budget_line_group_id_budget_group'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['municipality_set_id'], ['municipality_set.id'], name=op.f('fk_budget_line_municipality_set_id_municipality_set'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_budget_line_project_id_project'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_budget_line')),
    sqlite_autoincrement=True
    )
    op.create_index(op.f('ix_budget_line_group_id'), 'budget_line', ['group_id'], unique=False)
    op.create_table('goal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_goal_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_goal')),
    sqlite_autoincrement=True
    )
    op.create_index(op.f('ix_goal_project_id'), 'goal', ['project_id'], unique=False)
    op.create_table('budget_cell',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('line_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=True),
    sa.Column('marker', sa.Enum('PM', 'id.', 'doorlopend', name='marker', native_enum=False, length=20), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.CheckConstraint('(amount IS NULL) OR (marker IS NULL)', name=op.f('ck_budget_cell_amount_or_marker')),
    sa.ForeignKeyConstraint(['line_id'], ['budget_line.id'], name=op.f('fk_budget_cell_line_id_budget_line'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_budget_cell')),
    sa.UniqueConstraint('line_id', 'year', name=op.f('uq_budget_cell_line_id_year')),
    sqlite_autoincrement=True
    )


def downgrade() -> None:
    op.drop_table('budget_cell')
    op.drop_index(op.f('ix_goal_project_id'), table_name='goal')
    op.drop_table('goal')
    op.drop_index(op.f('ix_budget_line_group_id'), table_name='budget_line')
    op.drop_table('budget_line')
    op.drop_index(op.f('ix_allocation_project_id'), table_name='allocation')
    op.drop_index(op.f('ix_allocation_plan_id'), table_name='allocation')
    op.drop_table('allocation')
    op.drop_index(op.f('ix_action_project_id'), table_name='action')
    op.drop_table('action')
    op.drop_index(op.f('ix_project_chapter_id'), table_name='project')
    op.drop_table('project')
    op.drop_index(op.f('ix_person_plan_id'), table_name='person')
    op.drop_table('person')
    op.drop_table('funding_amount')
    op.drop_table('fixed_settlement_amount')
    op.drop_index(op.f('ix_funding_source_plan_id'), table_name='funding_source')
    op.drop_table('funding_source')
    op.drop_index(op.f('ix_fixed_settlement_plan_id'), table_name='fixed_settlement')
    op.drop_table('fixed_settlement')
    op.drop_index(op.f('ix_chapter_plan_id'), table_name='chapter')
    op.drop_table('chapter')
    op.drop_index(op.f('ix_capacity_plan_id'), table_name='capacity')
    op.drop_table('capacity')
    op.drop_index(op.f('ix_budget_group_plan_id'), table_name='budget_group')
    op.drop_index(op.f('ix_budget_group_parent_id'), table_name='budget_group')
    op.drop_table('budget_group')
    op.drop_table('plan')
    op.drop_table('municipality_set_member')
    op.drop_table('key_share')
    op.drop_table('municipality_set')
    op.drop_table('municipality')
    op.drop_table('allocation_key')
    op.drop_table('region')
