"""The laptop copy's record (issue 22): a file taken from the server for offline use says where
from, when, by whom, for which plan, and the token naming its base copy.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('checkout',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('server', sa.String(length=500), nullable=False),
    sa.Column('database', sa.String(length=200), nullable=False),
    sa.Column('taken_on', sa.String(length=40), nullable=False),
    sa.Column('taken_by', sa.String(length=200), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=True),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('brought_back_on', sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_checkout')),
    sa.UniqueConstraint('token', name=op.f('uq_checkout_token')),
    sqlite_autoincrement=True
    )


def downgrade() -> None:
    op.drop_table('checkout')
