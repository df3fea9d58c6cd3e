"""Ambitions of the regional vision, per region, and which ones each project serves.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('ambition',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['region_id'], ['region.id'], name=op.f('fk_ambition_region_id_region'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ambition')),
    sqlite_autoincrement=True
    )
    op.create_index(op.f('ix_ambition_region_id'), 'ambition', ['region_id'], unique=False)
    op.create_table('project_ambition',
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('ambition_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['ambition_id'], ['ambition.id'], name=op.f('fk_project_ambition_ambition_id_ambition'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_project_ambition_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('project_id', 'ambition_id', name=op.f('pk_project_ambition')),
    sqlite_autoincrement=True
    )
    op.create_index(op.f('ix_project_ambition_ambition_id'), 'project_ambition', ['ambition_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_project_ambition_ambition_id'), table_name='project_ambition')
    op.drop_table('project_ambition')
    op.drop_index(op.f('ix_ambition_region_id'), table_name='ambition')
    op.drop_table('ambition')
