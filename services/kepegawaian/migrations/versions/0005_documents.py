"""kepegawaian's documents tables: the document types (reference data, ``domain.documents.seed``) and each
employee's documents (``models.documents``).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document_types",
        sa.Column("code", sa.String(length=30), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column(
            "required_for",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'[]'::jsonb"),
            nullable=False,
        ),
        sa.Column("number_rule", sa.String(length=10), server_default=sa.text("'optional'"), nullable=False),
        sa.Column("issued_rule", sa.String(length=10), server_default=sa.text("'optional'"), nullable=False),
        sa.Column("tmt_rule", sa.String(length=10), server_default=sa.text("'none'"), nullable=False),
        sa.Column("expiry_rule", sa.String(length=10), server_default=sa.text("'none'"), nullable=False),
        sa.Column("multiple", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column(
            "detail_fields",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'[]'::jsonb"),
            nullable=False,
        ),
        sa.Column("sort_order", sa.Integer(), server_default=sa.text("100"), nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "expiry_rule IN ('none', 'optional', 'required')", name=op.f("ck_document_types_expiry_rule")
        ),
        sa.CheckConstraint(
            "issued_rule IN ('none', 'optional', 'required')", name=op.f("ck_document_types_issued_rule")
        ),
        sa.CheckConstraint(
            "number_rule IN ('none', 'optional', 'required')", name=op.f("ck_document_types_number_rule")
        ),
        sa.CheckConstraint("tmt_rule IN ('none', 'optional', 'required')", name=op.f("ck_document_types_tmt_rule")),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_document_types")),
    )
    op.create_table(
        "employee_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("type_code", sa.String(length=30), nullable=False),
        sa.Column("number", sa.String(length=100), nullable=True),
        sa.Column("issued_on", sa.Date(), nullable=True),
        sa.Column("tmt", sa.Date(), nullable=True),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column(
            "details", postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'{}'::jsonb"), nullable=False
        ),
        sa.Column("file_content", sa.LargeBinary(), nullable=False),
        sa.Column("file_type", sa.String(length=80), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("file_size", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), server_default=sa.text("'waiting'"), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("uploaded_by", sa.String(length=120), nullable=True),
        sa.Column("uploaded_by_employee_id", sa.Integer(), nullable=True),
        sa.Column("verified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("verified_by", sa.String(length=120), nullable=True),
        sa.Column("verified_by_employee_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.CheckConstraint(
            "status <> 'rejected' OR reason IS NOT NULL", name=op.f("ck_employee_documents_rejected_reason")
        ),
        sa.CheckConstraint("status IN ('waiting', 'verified', 'rejected')", name=op.f("ck_employee_documents_status")),
        sa.CheckConstraint(
            "expires_on IS NULL OR issued_on IS NULL OR expires_on >= issued_on",
            name=op.f("ck_employee_documents_expiry_order"),
        ),
        sa.ForeignKeyConstraint(
            ["type_code"],
            ["document_types.code"],
            name=op.f("fk_employee_documents_type_code_document_types"),
            onupdate="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_employee_documents")),
    )
    op.create_index(
        op.f("ix_employee_documents_employee_id_type_code_id"),
        "employee_documents",
        ["employee_id", "type_code", "id"],
        unique=False,
    )
    op.create_index(op.f("ix_employee_documents_expires_on"), "employee_documents", ["expires_on"], unique=False)
    op.create_index(op.f("ix_employee_documents_status_id"), "employee_documents", ["status", "id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_employee_documents_status_id"), table_name="employee_documents")
    op.drop_index(op.f("ix_employee_documents_expires_on"), table_name="employee_documents")
    op.drop_index(op.f("ix_employee_documents_employee_id_type_code_id"), table_name="employee_documents")
    op.drop_table("employee_documents")
    op.drop_table("document_types")
