"""Issued documents, seal-use register, print log and this PC's number blocks.

Revision ID: 0004_documents
Revises: 0005_case_search
Create Date: 2026-11-28 04:03:08.213164
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa
import app.db.types


revision = '0004_documents'
down_revision = '0005_case_search'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('documents',
    sa.Column('case_id', sa.String(length=36), nullable=True),
    sa.Column('doc_type', sa.String(length=60), nullable=False),
    sa.Column('template_id', sa.String(length=60), nullable=False),
    sa.Column('template_version', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=100), nullable=False),
    sa.Column('number', sa.String(length=80), nullable=True),
    sa.Column('serial', sa.Integer(), nullable=True),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('context', app.db.types.JsonText(), nullable=False),
    sa.Column('issue_date', sa.Date(), nullable=True),
    sa.Column('seal_mode', sa.String(length=12), nullable=False),
    sa.Column('pdf_sha256', sa.String(length=64), nullable=True),
    sa.Column('payload_digest', sa.String(length=64), nullable=True),
    sa.Column('pages', sa.Integer(), nullable=False),
    sa.Column('corrects_document_id', sa.String(length=36), nullable=True),
    sa.Column('approved_at', app.db.types.UtcDateTime(), nullable=True),
    sa.Column('approved_by', sa.String(length=64), nullable=False),
    sa.Column('issued_at', app.db.types.UtcDateTime(), nullable=True),
    sa.Column('issued_by', sa.String(length=64), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('squad_id', sa.String(length=36), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('updated_at', app.db.types.UtcDateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['corrects_document_id'], ['documents.id'], name=op.f('fk_documents_corrects_document_id_documents')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents')),
    sa.UniqueConstraint('squad_id', 'number', name='squad_number')
    )
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documents_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_documents_doc_type'), ['doc_type'], unique=False)
        batch_op.create_index(batch_op.f('ix_documents_pdf_sha256'), ['pdf_sha256'], unique=False)
        batch_op.create_index(batch_op.f('ix_documents_squad_id'), ['squad_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_documents_state'), ['state'], unique=False)

    op.create_table('number_blocks',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('squad_id', sa.String(length=36), nullable=False),
    sa.Column('doc_type', sa.String(length=60), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('first', sa.Integer(), nullable=False),
    sa.Column('last', sa.Integer(), nullable=False),
    sa.Column('next_serial', sa.Integer(), nullable=False),
    sa.Column('leased_at', app.db.types.UtcDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_number_blocks')),
    sa.UniqueConstraint('squad_id', 'doc_type', 'year', 'first', name='block')
    )
    with op.batch_alter_table('number_blocks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_number_blocks_squad_id'), ['squad_id'], unique=False)

    op.create_table('print_logs',
    sa.Column('document_id', sa.String(length=36), nullable=False),
    sa.Column('printed_at', app.db.types.UtcDateTime(), nullable=False),
    sa.Column('printed_by', sa.String(length=64), nullable=False),
    sa.Column('copies', sa.Integer(), nullable=False),
    sa.Column('printer', sa.String(length=120), nullable=False),
    sa.Column('is_reprint', sa.Boolean(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('squad_id', sa.String(length=36), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('updated_at', app.db.types.UtcDateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_print_logs_document_id_documents')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_print_logs'))
    )
    with op.batch_alter_table('print_logs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_print_logs_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_print_logs_squad_id'), ['squad_id'], unique=False)

    op.create_table('seal_uses',
    sa.Column('register_no', sa.String(length=40), nullable=False),
    sa.Column('used_at', app.db.types.UtcDateTime(), nullable=False),
    sa.Column('seal_id', sa.String(length=60), nullable=False),
    sa.Column('document_id', sa.String(length=36), nullable=False),
    sa.Column('document_number', sa.String(length=80), nullable=False),
    sa.Column('document_title', sa.String(length=100), nullable=False),
    sa.Column('copies', sa.Integer(), nullable=False),
    sa.Column('requester', sa.String(length=64), nullable=False),
    sa.Column('purpose', sa.String(length=200), nullable=False),
    sa.Column('approver', sa.String(length=64), nullable=False),
    sa.Column('keeper', sa.String(length=64), nullable=False),
    sa.Column('mode', sa.String(length=16), nullable=False),
    sa.Column('returned_at', app.db.types.UtcDateTime(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('squad_id', sa.String(length=36), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('updated_at', app.db.types.UtcDateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_seal_uses_document_id_documents')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_seal_uses'))
    )
    with op.batch_alter_table('seal_uses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_seal_uses_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_seal_uses_register_no'), ['register_no'], unique=False)
        batch_op.create_index(batch_op.f('ix_seal_uses_squad_id'), ['squad_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('seal_uses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_seal_uses_squad_id'))
        batch_op.drop_index(batch_op.f('ix_seal_uses_register_no'))
        batch_op.drop_index(batch_op.f('ix_seal_uses_document_id'))

    op.drop_table('seal_uses')
    with op.batch_alter_table('print_logs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_print_logs_squad_id'))
        batch_op.drop_index(batch_op.f('ix_print_logs_document_id'))

    op.drop_table('print_logs')
    with op.batch_alter_table('number_blocks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_number_blocks_squad_id'))

    op.drop_table('number_blocks')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documents_state'))
        batch_op.drop_index(batch_op.f('ix_documents_squad_id'))
        batch_op.drop_index(batch_op.f('ix_documents_pdf_sha256'))
        batch_op.drop_index(batch_op.f('ix_documents_doc_type'))
        batch_op.drop_index(batch_op.f('ix_documents_case_id'))

    op.drop_table('documents')
