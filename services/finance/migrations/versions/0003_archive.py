"""finance: archive — the classification list and the register of supporting documents.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

SEARCH_EXPRESSION = (
    "to_tsvector('simple'::regconfig, coalesce(number, '') || ' ' || coalesce(title, '') || ' ' || "
    "coalesce(description, '') || ' ' || coalesce(vendor, ''))"
)


def upgrade() -> None:
    op.create_table(
        'archive_classifications',
        sa.Column('code', sa.String(length=20), nullable=False),
        sa.Column('name', sa.String(length=300), nullable=False),
        sa.Column('active_years', sa.Integer(), nullable=False),
        sa.Column('inactive_years', sa.Integer(), nullable=False),
        sa.Column('disposition', sa.String(length=10), nullable=False),
        sa.Column('active', sa.Boolean(), server_default=sa.text('true'), nullable=False),
        sa.Column('note', sa.String(length=500), nullable=True),
        sa.CheckConstraint("disposition IN ('musnah', 'permanen')", name=op.f('ck_archive_classifications_disposition')),
        sa.CheckConstraint('active_years >= 0 AND inactive_years >= 0', name=op.f('ck_archive_classifications_years')),
        sa.PrimaryKeyConstraint('code', name=op.f('pk_archive_classifications')),
    )
    op.create_table(
        'archive_documents',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('number', sa.String(length=120), nullable=True),
        sa.Column('title', sa.String(length=300), nullable=False),
        sa.Column('description', sa.Text(), nullable=True),
        sa.Column('classification_code', sa.String(length=20), nullable=False),
        sa.Column('retention_until', sa.Date(), nullable=False),
        sa.Column('fiscal_year', sa.Integer(), nullable=False),
        sa.Column('month', sa.Integer(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=True),
        sa.Column('vendor', sa.String(length=200), nullable=True),
        sa.Column('account_code', sa.String(length=40), nullable=True),
        sa.Column('document_date', sa.Date(), nullable=True),
        sa.Column('spj_id', sa.Integer(), nullable=True),
        sa.Column('kind', sa.String(length=4), nullable=False),
        sa.Column('storage_key', sa.String(length=500), nullable=True),
        sa.Column('filename', sa.String(length=255), nullable=True),
        sa.Column('content_type', sa.String(length=100), nullable=True),
        sa.Column('size_bytes', sa.BigInteger(), nullable=True),
        sa.Column('sha256', sa.String(length=64), nullable=True),
        sa.Column('url', sa.String(length=2000), nullable=True),
        sa.Column('created_by', sa.String(length=100), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('integrity', sa.String(length=10), server_default=sa.text("'unchecked'"), nullable=False),
        sa.Column('checked_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('search', postgresql.TSVECTOR(), sa.Computed(SEARCH_EXPRESSION, persisted=True), nullable=True),
        sa.CheckConstraint("integrity IN ('unchecked', 'ok', 'mismatch', 'missing')", name=op.f('ck_archive_documents_integrity')),
        sa.CheckConstraint("kind <> 'file' OR (storage_key IS NOT NULL AND sha256 IS NOT NULL)", name=op.f('ck_archive_documents_file')),
        sa.CheckConstraint("kind <> 'link' OR url IS NOT NULL", name=op.f('ck_archive_documents_link')),
        sa.CheckConstraint("kind IN ('file', 'link')", name=op.f('ck_archive_documents_kind')),
        sa.CheckConstraint('month BETWEEN 1 AND 12', name=op.f('ck_archive_documents_month')),
        sa.CheckConstraint('size_bytes IS NULL OR size_bytes >= 0', name=op.f('ck_archive_documents_size')),
        sa.ForeignKeyConstraint(['classification_code'], ['archive_classifications.code'], name=op.f('fk_archive_documents_classification_code_archive_classifications')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_archive_documents')),
        sa.UniqueConstraint('storage_key', name=op.f('uq_archive_documents_storage_key')),
    )
    for columns in (['account_code'], ['classification_code'], ['document_date'], ['fiscal_year', 'month', 'id'],
                    ['number'], ['spj_id'], ['unit_id'], ['vendor']):
        op.create_index(op.f('ix_archive_documents_' + '_'.join(columns)), 'archive_documents', columns, unique=False)
    op.create_index('ix_archive_documents_search', 'archive_documents', ['search'], unique=False,
                    postgresql_using='gin')


def downgrade() -> None:
    op.drop_table('archive_documents')
    op.drop_table('archive_classifications')
