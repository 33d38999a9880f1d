"""finance: books — the guarantees and indexes of the cash book (BKU).

* a trigger on ``cash_postings`` refusing an INSERT, UPDATE or DELETE of a row dated in a closed month (the
  database's half of "a closed month is frozen"; ``domain.postings.post`` refuses it first with a message);
* ``fiscal_year``/``month`` always those of ``posted_on`` (CHECK ``period``);
* one UP receipt per year, one advance (panjar) per reference and year (partial unique indexes);
* indexes for the BKU in date order (per year, per medium), the tax book and the per-account book;
* ``month_closings.closed_by_employee_id``: the bendahara who closed the month (signs its books).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

GUARD_FUNCTION = """
CREATE OR REPLACE FUNCTION cash_postings_refuse_closed_month() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND EXISTS (
            SELECT 1 FROM month_closings c WHERE c.fiscal_year = OLD.fiscal_year AND c.month = OLD.month) THEN
        RAISE EXCEPTION 'cash_postings: month %-% is closed', OLD.fiscal_year, OLD.month
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_cash_postings_open_month';
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND EXISTS (
            SELECT 1 FROM month_closings c WHERE c.fiscal_year = NEW.fiscal_year AND c.month = NEW.month) THEN
        RAISE EXCEPTION 'cash_postings: month %-% is closed', NEW.fiscal_year, NEW.month
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_cash_postings_open_month';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END
$$;
"""
GUARD_TRIGGER = """
CREATE TRIGGER tr_cash_postings_open_month BEFORE INSERT OR UPDATE OR DELETE ON cash_postings
FOR EACH ROW EXECUTE FUNCTION cash_postings_refuse_closed_month();
"""


def upgrade() -> None:
    op.add_column('month_closings', sa.Column('closed_by_employee_id', sa.Integer(), nullable=True))
    op.create_check_constraint(
        op.f('ck_cash_postings_period'), 'cash_postings',
        'fiscal_year = EXTRACT(YEAR FROM posted_on) AND month = EXTRACT(MONTH FROM posted_on)')
    op.create_index(op.f('ix_cash_postings_fiscal_year_posted_on_seq'), 'cash_postings',
                    ['fiscal_year', 'posted_on', 'seq'], unique=False)
    op.create_index(op.f('ix_cash_postings_fiscal_year_medium_posted_on_seq'), 'cash_postings',
                    ['fiscal_year', 'medium', 'posted_on', 'seq'], unique=False)
    op.create_index('ix_cash_postings_tax_book', 'cash_postings', ['fiscal_year', 'tax_kind', 'posted_on', 'seq'],
                    unique=False, postgresql_where=sa.text('tax_kind IS NOT NULL'))
    op.create_index('ix_cash_postings_line_book', 'cash_postings', ['budget_line_id', 'posted_on', 'seq'],
                    unique=False, postgresql_where=sa.text('budget_line_id IS NOT NULL'))
    op.create_index('uq_cash_postings_up_receipt', 'cash_postings', ['fiscal_year'], unique=True,
                    postgresql_where=sa.text("kind = 'up_receipt'"))
    op.create_index('uq_cash_postings_advance_reference', 'cash_postings', ['fiscal_year', 'reference'],
                    unique=True, postgresql_where=sa.text("kind = 'advance_given'"))
    op.execute(GUARD_FUNCTION)
    op.execute(GUARD_TRIGGER)


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS tr_cash_postings_open_month ON cash_postings")
    op.execute("DROP FUNCTION IF EXISTS cash_postings_refuse_closed_month()")
    op.drop_index('uq_cash_postings_advance_reference', table_name='cash_postings')
    op.drop_index('uq_cash_postings_up_receipt', table_name='cash_postings')
    op.drop_index('ix_cash_postings_line_book', table_name='cash_postings')
    op.drop_index('ix_cash_postings_tax_book', table_name='cash_postings')
    op.drop_index(op.f('ix_cash_postings_fiscal_year_medium_posted_on_seq'), table_name='cash_postings')
    op.drop_index(op.f('ix_cash_postings_fiscal_year_posted_on_seq'), table_name='cash_postings')
    op.drop_constraint(op.f('ck_cash_postings_period'), 'cash_postings', type_='check')
    op.drop_column('month_closings', 'closed_by_employee_id')
