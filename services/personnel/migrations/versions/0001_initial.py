"""Initial personnel schema: org units, positions, employees, accounts, sessions, kit tables.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from situok_kit.migrate import create_kit_tables, drop_kit_tables
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

GOLONGAN = ("I/a", "I/b", "I/c", "I/d", "II/a", "II/b", "II/c", "II/d",
            "III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b", "IV/c", "IV/d", "IV/e")
PPPK_GRADES = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
               "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII")
ROLES = ("admin", "pimpinan", "kepala_bagian", "kasubbag", "ppk", "pptk",
         "bendahara", "pengurus_barang", "operator", "pegawai")


def _in(column: str, values) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _created_at(name: str = "created_at") -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False)


def upgrade() -> None:
    # -- kit tables: outbox, processed events, idempotency keys (situok_kit.migrate.create_kit_tables) --
    create_kit_tables(op)

    # -- org units: Biro -> Bagian -> Subbagian --
    op.create_table(
        "org_units",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        _created_at(),
        _created_at("updated_at"),
        sa.CheckConstraint(_in("kind", ("biro", "bagian", "subbagian")), name="ck_org_units_kind"),
        sa.CheckConstraint("(kind = 'biro') = (parent_id IS NULL)", name="ck_org_units_root_is_biro"),
        sa.CheckConstraint("parent_id IS NULL OR parent_id <> id", name="ck_org_units_not_own_parent"),
        sa.CheckConstraint("code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$'", name="ck_org_units_code_format"),
        sa.ForeignKeyConstraint(["parent_id"], ["org_units.id"], name="fk_org_units_parent_id_org_units",
                                ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name="pk_org_units"),
        sa.UniqueConstraint("code", name="uq_org_units_code"),
    )
    op.create_index("ix_org_units_parent_id", "org_units", ["parent_id"])

    # -- positions (jabatan); one head per unit --
    op.create_table(
        "positions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("is_head", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        _created_at(),
        sa.CheckConstraint(_in("kind", ("struktural", "fungsional", "pelaksana")), name="ck_positions_kind"),
        sa.CheckConstraint("NOT is_head OR kind = 'struktural'", name="ck_positions_head_is_struktural"),
        sa.ForeignKeyConstraint(["unit_id"], ["org_units.id"], name="fk_positions_unit_id_org_units",
                                ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name="pk_positions"),
    )
    op.create_index("ix_positions_unit_id_name", "positions", ["unit_id", "name"])
    op.create_index("uq_positions_head_per_unit", "positions", ["unit_id"], unique=True,
                    postgresql_where=sa.text("is_head"))

    # -- employees --
    op.create_table(
        "employees",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("employment_type", sa.String(length=10), nullable=False),
        sa.Column("nip", sa.String(length=18), nullable=True),
        sa.Column("nik", sa.String(length=16), nullable=True),
        sa.Column("name", sa.String(length=150), nullable=False),
        sa.Column("front_title", sa.String(length=50), nullable=True),
        sa.Column("back_title", sa.String(length=80), nullable=True),
        sa.Column("gender", sa.String(length=1), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("birth_place", sa.String(length=100), nullable=True),
        sa.Column("golongan", sa.String(length=6), nullable=True),
        sa.Column("pppk_grade", sa.String(length=5), nullable=True),
        sa.Column("tmt_cpns", sa.Date(), nullable=True),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("position_id", sa.Integer(), nullable=True),
        sa.Column("supervisor_id", sa.Integer(), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("phone", sa.String(length=30), nullable=True),
        sa.Column("active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("deactivation_reason", sa.Text(), nullable=True),
        _created_at(),
        _created_at("updated_at"),
        sa.CheckConstraint(_in("employment_type", ("pns", "pppk", "non_asn")), name="ck_employees_employment_type"),
        sa.CheckConstraint("nip ~ '^[0-9]{18}$'", name="ck_employees_nip_format"),
        sa.CheckConstraint("nik ~ '^[0-9]{16}$'", name="ck_employees_nik_format"),
        sa.CheckConstraint("(employment_type = 'non_asn') = (nip IS NULL)", name="ck_employees_nip_iff_asn"),
        sa.CheckConstraint("employment_type <> 'non_asn' OR nik IS NOT NULL", name="ck_employees_non_asn_has_nik"),
        sa.CheckConstraint(_in("gender", ("L", "P")), name="ck_employees_gender"),
        sa.CheckConstraint(f"golongan IS NULL OR (employment_type = 'pns' AND {_in('golongan', GOLONGAN)})",
                           name="ck_employees_golongan"),
        sa.CheckConstraint(f"pppk_grade IS NULL OR (employment_type = 'pppk' AND {_in('pppk_grade', PPPK_GRADES)})",
                           name="ck_employees_pppk_grade"),
        sa.CheckConstraint("supervisor_id IS NULL OR supervisor_id <> id", name="ck_employees_not_own_supervisor"),
        sa.CheckConstraint("length(btrim(name)) > 0", name="ck_employees_name_not_blank"),
        sa.ForeignKeyConstraint(["unit_id"], ["org_units.id"], name="fk_employees_unit_id_org_units",
                                ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["position_id"], ["positions.id"], name="fk_employees_position_id_positions",
                                ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["supervisor_id"], ["employees.id"], name="fk_employees_supervisor_id_employees",
                                ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name="pk_employees"),
        sa.UniqueConstraint("nip", name="uq_employees_nip"),
        sa.UniqueConstraint("nik", name="uq_employees_nik"),
    )
    op.create_index("ix_employees_name_id", "employees", ["name", "id"])
    op.create_index("ix_employees_unit_name_id", "employees", ["unit_id", "name", "id"])
    op.create_index("ix_employees_employment_type", "employees", ["employment_type"])
    op.create_index("ix_employees_golongan", "employees", ["golongan"])
    op.create_index("ix_employees_supervisor_id", "employees", ["supervisor_id"])
    op.create_index("ix_employees_position_id", "employees", ["position_id"])

    # -- accounts --
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=True),
        sa.Column("roles", postgresql.ARRAY(sa.String(length=32)), nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
        _created_at("password_changed_at"),
        _created_at(),
        _created_at("updated_at"),
        sa.CheckConstraint("username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'", name="ck_accounts_username_format"),
        sa.CheckConstraint(f"roles <@ ARRAY[{', '.join(repr(r) for r in ROLES)}]::varchar[]",
                           name="ck_accounts_roles_known"),
        sa.CheckConstraint("cardinality(roles) > 0", name="ck_accounts_roles_not_empty"),
        sa.CheckConstraint("failed_attempts >= 0", name="ck_accounts_failed_attempts"),
        sa.ForeignKeyConstraint(["employee_id"], ["employees.id"], name="fk_accounts_employee_id_employees",
                                ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name="pk_accounts"),
        sa.UniqueConstraint("username", name="uq_accounts_username"),
        sa.UniqueConstraint("employee_id", name="uq_accounts_employee_id"),
    )

    # -- login sessions --
    op.create_table(
        "sessions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("refresh_token_hash", sa.String(length=64), nullable=False),
        sa.Column("previous_token_hash", sa.String(length=64), nullable=True),
        _created_at(),
        sa.Column("refreshed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], name="fk_sessions_account_id_accounts",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_sessions"),
        sa.UniqueConstraint("refresh_token_hash", name="uq_sessions_refresh_token_hash"),
    )
    op.create_index("ix_sessions_account_id", "sessions", ["account_id"])
    op.create_index("ix_sessions_previous_token_hash", "sessions", ["previous_token_hash"])
    op.create_index("ix_sessions_revoked_at", "sessions", ["revoked_at"],
                    postgresql_where=sa.text("revoked_at IS NOT NULL"))


def downgrade() -> None:
    op.drop_table("sessions")
    op.drop_table("accounts")
    op.drop_table("employees")
    op.drop_table("positions")
    op.drop_table("org_units")
    drop_kit_tables(op)
