"""finance: small-purchase SPJ — purchases, their items and taxes, the tax rates and evidence tiers, the SPJ
settings (approval threshold, procurement limit, meterai threshold, number template) and number counters.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('spj_evidence_tiers',
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('label', sa.String(length=120), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('up_to', sa.BigInteger(), nullable=True),
    sa.Column('verified', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.CheckConstraint("kind IN ('nota', 'kuitansi', 'spk', 'kontrak')", name=op.f('ck_spj_evidence_tiers_kind')),
    sa.PrimaryKeyConstraint('kind', name=op.f('pk_spj_evidence_tiers'))
    )
    op.create_table('spj_number_counters',
    sa.Column('scope', sa.String(length=40), nullable=False),
    sa.Column('last_seq', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.PrimaryKeyConstraint('scope', name=op.f('pk_spj_number_counters'))
    )
    op.create_table('spj_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('approval_threshold', sa.BigInteger(), server_default=sa.text('5000000'), nullable=False),
    sa.Column('purchase_limit', sa.BigInteger(), server_default=sa.text('10000000'), nullable=False),
    sa.Column('meterai_threshold', sa.BigInteger(), server_default=sa.text('5000000'), nullable=False),
    sa.Column('number_template', sa.String(length=120), server_default=sa.text("'900.1.2.3/{seq}/SPJ/{year}'"), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint('approval_threshold >= 0 AND purchase_limit > 0 AND meterai_threshold >= 0', name=op.f('ck_spj_settings_amounts')),
    sa.CheckConstraint('id = 1', name=op.f('ck_spj_settings_single')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_spj_settings'))
    )
    op.create_table('spj_tax_rates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('categories', sa.String(length=60), nullable=False),
    sa.Column('rate_bp', sa.Integer(), nullable=False),
    sa.Column('rate_bp_no_npwp', sa.Integer(), nullable=False),
    sa.Column('threshold', sa.BigInteger(), server_default=sa.text('0'), nullable=False),
    sa.Column('pkp_only', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('verified', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=True),
    sa.CheckConstraint("kind IN ('ppn', 'pph21', 'pph22', 'pph23')", name=op.f('ck_spj_tax_rates_kind')),
    sa.CheckConstraint('rate_bp >= 0 AND rate_bp_no_npwp >= 0 AND threshold >= 0', name=op.f('ck_spj_tax_rates_amounts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_spj_tax_rates')),
    sa.UniqueConstraint('kind', 'valid_from', name=op.f('uq_spj_tax_rates_kind_valid_from'))
    )
    op.create_table('spj_purchases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('spj_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('vendor_name', sa.String(length=200), nullable=False),
    sa.Column('vendor_key', sa.String(length=200), nullable=False),
    sa.Column('vendor_npwp', sa.String(length=16), nullable=True),
    sa.Column('vendor_pkp', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('purchased_on', sa.Date(), nullable=False),
    sa.Column('iso_year', sa.Integer(), nullable=False),
    sa.Column('iso_week', sa.Integer(), nullable=False),
    sa.Column('receipt_number', sa.String(length=120), nullable=True),
    sa.Column('evidence_document_id', sa.Integer(), nullable=True),
    sa.Column('evidence_kind', sa.String(length=10), nullable=False),
    sa.Column('total', sa.BigInteger(), nullable=False),
    sa.Column('meterai_required', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('return_note', sa.Text(), nullable=True),
    sa.CheckConstraint('total >= 0', name=op.f('ck_spj_purchases_total')),
    sa.CheckConstraint('vendor_npwp IS NULL OR length(vendor_npwp) IN (15, 16)', name=op.f('ck_spj_purchases_npwp')),
    sa.ForeignKeyConstraint(['evidence_document_id'], ['archive_documents.id'], name=op.f('fk_spj_purchases_evidence_document_id_archive_documents')),
    sa.ForeignKeyConstraint(['spj_id'], ['spj.id'], name=op.f('fk_spj_purchases_spj_id_spj'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_spj_purchases'))
    )
    op.create_index(op.f('ix_spj_purchases_evidence_document_id'), 'spj_purchases', ['evidence_document_id'], unique=False)
    op.create_index(op.f('ix_spj_purchases_iso_year_iso_week_vendor_key'), 'spj_purchases', ['iso_year', 'iso_week', 'vendor_key'], unique=False)
    op.create_index(op.f('ix_spj_purchases_spj_id_position'), 'spj_purchases', ['spj_id', 'position'], unique=False)
    op.create_index(op.f('ix_spj_purchases_vendor_npwp'), 'spj_purchases', ['vendor_npwp'], unique=False)
    op.create_table('spj_purchase_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('purchase_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('description', sa.String(length=300), nullable=False),
    sa.Column('quantity', sa.Numeric(precision=12, scale=3), nullable=False),
    sa.Column('unit', sa.String(length=40), nullable=False),
    sa.Column('unit_price', sa.BigInteger(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('category', sa.String(length=12), nullable=False),
    sa.Column('dpp', sa.BigInteger(), nullable=False),
    sa.Column('ppn', sa.BigInteger(), server_default=sa.text('0'), nullable=False),
    sa.Column('pph_kind', sa.String(length=10), nullable=True),
    sa.Column('pph_rate_bp', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('pph', sa.BigInteger(), server_default=sa.text('0'), nullable=False),
    sa.CheckConstraint("category IN ('barang', 'jasa', 'honorarium')", name=op.f('ck_spj_purchase_items_category')),
    sa.CheckConstraint("pph_kind IS NULL OR pph_kind IN ('pph21', 'pph22', 'pph23')", name=op.f('ck_spj_purchase_items_pph_kind')),
    sa.CheckConstraint('ppn >= 0 AND pph >= 0', name=op.f('ck_spj_purchase_items_taxes')),
    sa.CheckConstraint('quantity > 0 AND unit_price >= 0 AND amount >= 0', name=op.f('ck_spj_purchase_items_amounts')),
    sa.ForeignKeyConstraint(['purchase_id'], ['spj_purchases.id'], name=op.f('fk_spj_purchase_items_purchase_id_spj_purchases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_spj_purchase_items'))
    )
    op.create_index(op.f('ix_spj_purchase_items_purchase_id_position'), 'spj_purchase_items', ['purchase_id', 'position'], unique=False)
    op.create_table('spj_taxes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('spj_id', sa.Integer(), nullable=False),
    sa.Column('purchase_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('base', sa.BigInteger(), nullable=False),
    sa.Column('rate_bp', sa.Integer(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('billing_code', sa.String(length=20), nullable=True),
    sa.Column('ntpn', sa.String(length=20), nullable=True),
    sa.Column('deposited_on', sa.Date(), nullable=True),
    sa.Column('deposited_by', sa.String(length=100), nullable=True),
    sa.Column('posting_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("kind IN ('ppn', 'pph21', 'pph22', 'pph23')", name=op.f('ck_spj_taxes_kind')),
    sa.CheckConstraint('(ntpn IS NULL) = (deposited_on IS NULL)', name=op.f('ck_spj_taxes_deposit')),
    sa.CheckConstraint('base >= 0 AND amount > 0 AND rate_bp > 0', name=op.f('ck_spj_taxes_amounts')),
    sa.ForeignKeyConstraint(['posting_id'], ['cash_postings.id'], name=op.f('fk_spj_taxes_posting_id_cash_postings')),
    sa.ForeignKeyConstraint(['purchase_id'], ['spj_purchases.id'], name=op.f('fk_spj_taxes_purchase_id_spj_purchases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['spj_id'], ['spj.id'], name=op.f('fk_spj_taxes_spj_id_spj'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_spj_taxes')),
    sa.UniqueConstraint('ntpn', name=op.f('uq_spj_taxes_ntpn'))
    )
    op.create_index(op.f('ix_spj_taxes_purchase_id'), 'spj_taxes', ['purchase_id'], unique=False)
    op.create_index(op.f('ix_spj_taxes_spj_id'), 'spj_taxes', ['spj_id'], unique=False)
    op.execute("INSERT INTO spj_settings (id) VALUES (1)")


def downgrade() -> None:
    op.drop_index(op.f('ix_spj_taxes_spj_id'), table_name='spj_taxes')
    op.drop_index(op.f('ix_spj_taxes_purchase_id'), table_name='spj_taxes')
    op.drop_table('spj_taxes')
    op.drop_index(op.f('ix_spj_purchase_items_purchase_id_position'), table_name='spj_purchase_items')
    op.drop_table('spj_purchase_items')
    op.drop_index(op.f('ix_spj_purchases_vendor_npwp'), table_name='spj_purchases')
    op.drop_index(op.f('ix_spj_purchases_spj_id_position'), table_name='spj_purchases')
    op.drop_index(op.f('ix_spj_purchases_iso_year_iso_week_vendor_key'), table_name='spj_purchases')
    op.drop_index(op.f('ix_spj_purchases_evidence_document_id'), table_name='spj_purchases')
    op.drop_table('spj_purchases')
    op.drop_table('spj_tax_rates')
    op.drop_table('spj_settings')
    op.drop_table('spj_number_counters')
    op.drop_table('spj_evidence_tiers')
