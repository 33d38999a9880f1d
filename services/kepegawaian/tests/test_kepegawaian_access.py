"""kepegawaian's access rules (``domain.access``): pure, no database."""
import pytest
from kepegawaian.domain.access import Caller
from situok_kit.errors import Forbidden
from situok_kit.testing import employee_identity


def caller(employee_id=10, *roles, unit=5, staff_units=frozenset({5, 6}), direct=frozenset(), every=frozenset()):
    return Caller(employee_identity("x", employee_id, *(roles or ("pegawai",))), staff_units, unit, direct, every,
                  "pimpinan")


def test_an_employee_reads_only_their_own():
    me = caller(10, unit=99)
    assert me.may_read(10)
    assert not me.may_read(11)
    with pytest.raises(Forbidden):
        me.require_reader_of(11)


def test_a_supervisor_reads_their_chain_and_considers_only_direct_staff():
    boss = caller(1, "kasubbag", "pegawai", unit=99, direct=frozenset({2}), every=frozenset({2, 3}))
    assert boss.may_read(2) and boss.may_read(3) and not boss.may_read(4)
    assert boss.supervises_directly(2) and not boss.supervises_directly(3)


def test_staff_officers_are_the_staff_unit_and_below():
    assert caller(10, unit=6).is_staff_officer
    assert not caller(10, unit=7).is_staff_officer
    assert caller(10, unit=6).may_read(12345)


def test_the_official_is_the_configured_role():
    assert caller(1, "pimpinan", unit=99).is_official
    assert not caller(1, "kepala_bagian", unit=99).is_official
