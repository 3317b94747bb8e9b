"""Sync: county changes this PC could not write yet are parked, not lost.

Revision ID: 0009_sync_parked
Revises: 0008_case_notice
Create Date: 2026-11-28 07:02:38.533197
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa
import app.db.types


revision = '0009_sync_parked'
down_revision = '0008_case_notice'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sync_parked',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('entity', sa.String(length=60), nullable=False),
    sa.Column('entity_id', sa.String(length=36), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('change', app.db.types.JsonText(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.Column('parked_at', app.db.types.UtcDateTime(), nullable=False),
    sa.Column('tried_at', app.db.types.UtcDateTime(), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_parked')),
    sa.UniqueConstraint('entity', 'entity_id', name=op.f('uq_sync_parked_entity'))
    )


def downgrade() -> None:
    op.drop_table('sync_parked')
