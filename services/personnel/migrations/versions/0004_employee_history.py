"""personnel: career facts (position level and kelas jabatan; TMT of rank, KGB and position), the employee's
status with its date, and the employee history (issue 15). Back-fills nothing but the status of inactive rows."""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"

LEVELS = ("jpt_utama", "jpt_madya", "jpt_pratama", "administrator", "pengawas", "pelaksana", "ahli_utama",
          "ahli_madya", "ahli_muda", "ahli_pertama", "penyelia", "mahir", "terampil", "pemula")
STATUSES = ("aktif", "cltn", "diberhentikan_sementara", "pensiun", "mutasi_keluar", "meninggal", "nonaktif")
KINDS = ("unit", "position", "rank", "grade", "kgb", "status")


def _in(column: str, values) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def upgrade() -> None:
    op.add_column("positions", sa.Column("level", sa.String(length=20), nullable=True))
    op.add_column("positions", sa.Column("kelas_jabatan", sa.Integer(), nullable=True))
    op.create_check_constraint(op.f("ck_positions_level"), "positions", f"level IS NULL OR {_in('level', LEVELS)}")
    op.create_check_constraint(op.f("ck_positions_kelas_jabatan"), "positions",
                               "kelas_jabatan IS NULL OR kelas_jabatan BETWEEN 1 AND 17")

    op.add_column("employees", sa.Column("rank_tmt", sa.Date(), nullable=True))
    op.add_column("employees", sa.Column("kgb_tmt", sa.Date(), nullable=True))
    op.add_column("employees", sa.Column("position_tmt", sa.Date(), nullable=True))
    op.add_column("employees", sa.Column("status", sa.String(length=30), server_default=sa.text("'aktif'"),
                                         nullable=False))
    op.add_column("employees", sa.Column("status_since", sa.Date(), nullable=True))
    # Existing inactive employees: status nonaktif since the day they were last changed.
    op.execute("UPDATE employees SET status = 'nonaktif', status_since = (updated_at AT TIME ZONE 'Asia/Makassar')::date "
               "WHERE NOT active")
    op.create_check_constraint(op.f("ck_employees_status"), "employees", _in("status", STATUSES))
    op.create_check_constraint(op.f("ck_employees_active_iff_aktif"), "employees", "active = (status = 'aktif')")

    op.create_table(
        "employee_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("before_value", sa.String(length=100), nullable=True),
        sa.Column("before_label", sa.String(length=300), nullable=True),
        sa.Column("after_value", sa.String(length=100), nullable=True),
        sa.Column("after_label", sa.String(length=300), nullable=True),
        sa.Column("tmt", sa.Date(), nullable=False),
        sa.Column("decree_number", sa.String(length=100), nullable=True),
        sa.Column("decree_date", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("recorded_by_account_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by", sa.String(length=64), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(_in("kind", KINDS), name="ck_employee_history_kind"),
        sa.CheckConstraint("(decree_number IS NULL) = (decree_date IS NULL)",
                           name="ck_employee_history_decree_complete"),
        sa.ForeignKeyConstraint(["employee_id"], ["employees.id"], ondelete="RESTRICT",
                                name="fk_employee_history_employee_id_employees"),
        sa.PrimaryKeyConstraint("id", name="pk_employee_history"),
    )
    op.create_index("ix_employee_history_employee_tmt_id", "employee_history", ["employee_id", "tmt", "id"])


def downgrade() -> None:
    op.drop_index("ix_employee_history_employee_tmt_id", table_name="employee_history")
    op.drop_table("employee_history")
    op.drop_constraint(op.f("ck_employees_active_iff_aktif"), "employees", type_="check")
    op.drop_constraint(op.f("ck_employees_status"), "employees", type_="check")
    for column in ("status_since", "status", "position_tmt", "kgb_tmt", "rank_tmt"):
        op.drop_column("employees", column)
    op.drop_constraint(op.f("ck_positions_kelas_jabatan"), "positions", type_="check")
    op.drop_constraint(op.f("ck_positions_level"), "positions", type_="check")
    op.drop_column("positions", "kelas_jabatan")
    op.drop_column("positions", "level")
