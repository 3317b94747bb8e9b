"""Evidence blobs remember the chunk size their upload began with (smaller on slow links).

Revision ID: 0002_evidence
Revises: 0001_server
Create Date: 2026-11-28 05:40:00.000000
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0002_evidence'
down_revision = '0001_server'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (PostgreSQL and SQLite alike). Blobs begun before this revision were all
    # uploaded in 256 KiB chunks, which the server default records for them.
    op.add_column('evidence_blobs', sa.Column('chunk_size', sa.Integer(), nullable=False,
                                              server_default='262144'))


def downgrade() -> None:
    with op.batch_alter_table('evidence_blobs', schema=None) as batch_op:
        batch_op.drop_column('chunk_size')
