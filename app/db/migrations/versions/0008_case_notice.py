"""Cases: digest of what the prior notice said, and when on-the-spot collections were handed over.

Revision ID: 0008_case_notice
Revises: 0004_documents
Create Date: 2026-11-28 04:19:00.783868
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0008_case_notice'
down_revision = '0004_documents'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, not batch mode: recreating `cases` would drop the case-search FTS
    # triggers of 0005. Existing rows get an empty digest (notified before this revision).
    op.add_column('cases', sa.Column('notified_digest', sa.String(length=64), nullable=False,
                                     server_default=''))
    op.add_column('payments', sa.Column('handed_over_on', sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('payments', schema=None) as batch_op:
        batch_op.drop_column('handed_over_on')

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_column('notified_digest')
