"""attendance's uploads judged by their content (situok_kit.uploads): the holiday CSV."""
import base64

import pytest
from attendance.domain import setup
from situok_kit.errors import ValidationFailed


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


@pytest.mark.parametrize("content", [
    b"<html><body>tanggal,nama,jenis<script>alert(1)</script></body></html>",
    b'<svg xmlns="http://www.w3.org/2000/svg"><text>tanggal,nama,jenis</text></svg>',
])
def test_holiday_csv_that_is_markup_is_refused_naming_the_field(content):
    with pytest.raises(ValidationFailed) as err:
        setup.parse_holiday_csv(b64(content), "x.csv")
    assert err.value.status == 422 and "bukan" in err.value.fields["content_b64"]


def test_a_plain_holiday_csv_still_loads():
    rows = setup.parse_holiday_csv(b64(b"tanggal,nama,jenis\n2027-03-08,Nyepi,nasional\n"), "x.csv")
    assert [r["name"] for r in rows] == ["Nyepi"]
