"""The assets register routes (``gateway.domains.assets_register``) with assets replaced: parameters, bodies,
files, statuses, and their place in the OpenAPI document."""
import base64

import pytest
from gateway.domains.assets_register import XLSX, AssetQuery
from gateway.http import Reply
from gateway.openapi import build_spec
from gateway.queries import parse_query
from gateway.service import GatewayService
from gateway_requests import make_request
from nameko.testing.services import worker_factory
from situok_kit.errors import Conflict, Forbidden, NotFound, UnsupportedMediaType, ValidationFailed
from situok_kit.pagination import DEFAULT_LIMIT

CSV = (b"kode_barang;nama_barang;tahun_perolehan;nilai_perolehan;asal_usul;kondisi\n"
       b"1.3.2.05.02.01.003;Meja;2020;1;apbd;B\n")
JPEG = b"\xff\xd8\xff\xe0foto"


@pytest.fixture
def service():
    return worker_factory(GatewayService)


def post(json=None, **kwargs):
    return make_request("/x", method="POST", json=json, **kwargs)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


@pytest.mark.parametrize("query, field", [("kib=Z", "kib"), ("condition=rusak", "condition"), ("room_id=0", "room_id"),
                                          ("acquisition_year=1800", "acquisition_year"), ("limit=0", "limit"),
                                          ("status=hilang", "status")])
def test_bad_register_filters_name_the_parameter(query, field):
    with pytest.raises(ValidationFailed) as caught:
        parse_query(AssetQuery(), make_request("/x", query_string=query))
    assert list(caught.value.fields) == [field]


def test_the_register_passes_its_filters_and_paging(service):
    service.assets.list_assets.return_value = {"items": [], "next_cursor": None}
    reply = service.list_assets(make_request("/x", query_string="kib=B&q=dk%201023&room_id=4&condition=RB&limit=5"))
    assert reply.status == 200 and reply.body == {"items": [], "next_cursor": None}
    service.assets.list_assets.assert_called_once_with(
        filters={"kib": "B", "q": "dk 1023", "room_id": 4, "condition": "RB"}, cursor=None, limit=5)
    service.list_assets(make_request("/x"))
    service.assets.list_assets.assert_called_with(filters=None, cursor=None, limit=DEFAULT_LIMIT)
    service.assets.my_assets.return_value = {"items": [], "next_cursor": None}
    assert service.my_assets(make_request("/x")).status == 200
    service.assets.my_assets.assert_called_once_with(cursor=None, limit=DEFAULT_LIMIT)


def test_registering_is_201_with_location_and_idempotency_key(service):
    body = {"code": "1.3.2.05.02.01.003", "name": "Meja", "acquisition_year": 2024, "acquisition_value": 1,
            "source": "apbd", "condition": "B", "details": {"brand": "Olympic"}}
    service.assets.register_asset.return_value = {"id": 41, "register_number": 3}
    reply = service.register_asset(post(body, headers={"Idempotency-Key": "meja-1"}))
    assert isinstance(reply, Reply) and reply.status == 201
    assert reply.headers["Location"].endswith("/assets/items/41")
    service.assets.register_asset.assert_called_once_with(data=body, idempotency_key="meja-1")
    service.assets.register_asset.side_effect = Forbidden("Hanya pengurus barang.")
    assert isinstance(service.register_asset(post(body)), Forbidden)


def test_an_item_is_read_changed_and_its_errors_pass_through(service):
    service.assets.get_asset.return_value = {"id": 5, "allowed_actions": []}
    assert service.get_asset(make_request("/x"), asset_id=5).body["id"] == 5
    service.assets.get_asset.assert_called_once_with(asset_id=5)
    service.assets.update_asset.side_effect = Conflict("Kode barang tidak dapat diubah.")
    reply = service.update_asset(make_request("/x", method="PATCH", json={"code": "1.3.2"}), asset_id=5)
    assert isinstance(reply, Conflict)
    service.assets.update_asset.assert_called_once_with(asset_id=5, data={"code": "1.3.2"})
    service.assets.get_room.side_effect = NotFound("Ruangan tidak ditemukan.")
    assert isinstance(service.get_room(make_request("/x"), room_id=9), NotFound)


def test_rooms_buildings_and_floors(service):
    service.assets.create_room.return_value = {"id": 3}
    room = {"floor_id": 1, "code": "R-1", "name": "Ruang Rapat", "bookable": True}
    assert service.create_room(post(room)).status == 201
    service.assets.create_room.assert_called_once_with(data=room)
    service.assets.update_room.return_value = {"id": 3}
    service.update_room(make_request("/x", method="PATCH", json={"bookable": False}), room_id=3)
    service.assets.update_room.assert_called_once_with(room_id=3, data={"bookable": False})
    service.assets.list_rooms.return_value = {"items": [], "next_cursor": None}
    service.list_rooms(make_request("/x", query_string="building_id=2&q=rapat"))
    service.assets.list_rooms.assert_called_once_with(filters={"building_id": 2, "q": "rapat"}, cursor=None,
                                                      limit=DEFAULT_LIMIT)
    service.assets.list_buildings.return_value = [{"id": 1}]
    assert service.list_buildings(make_request("/x")).body == {"items": [{"id": 1}]}
    service.assets.create_floor.return_value = {"id": 2}
    assert service.create_floor(post({"building_id": 1, "name": "Lantai 1"})).status == 201


def test_photos_are_uploaded_as_json_and_served_as_attachments(service):
    body = {"kind": "photo", "filename": "meja.jpg", "content_b64": b64(JPEG), "caption": "depan"}
    service.assets.upload_asset_file.return_value = {"id": 8}
    assert service.upload_asset_file(post(body), asset_id=5).status == 201
    service.assets.upload_asset_file.assert_called_once_with(asset_id=5, data=body)
    service.assets.asset_file.return_value = {"filename": "meja.jpg", "content_type": "image/jpeg",
                                              "content_b64": b64(JPEG), "sha256": "0" * 64}
    reply = service.asset_file(make_request("/x", query_string="variant=thumbnail"), file_id=8)
    service.assets.asset_file.assert_called_once_with(file_id=8, variant="thumbnail")
    assert reply.status == 200


def test_the_import_takes_json_or_the_file_itself_and_the_template_is_a_download(service):
    service.assets.import_assets.return_value = {"total": 1, "by_kib": [{"kib": "B", "count": 1}]}
    reply = service.import_assets(make_request("/x", method="POST", data=CSV, content_type="text/csv"))
    assert reply.status == 201
    service.assets.import_assets.assert_called_once_with(filename="register.csv", content_b64=b64(CSV))
    service.import_assets(post({"filename": "lama.xlsx", "content_b64": b64(b"PK\x03\x04")}))
    wrong = service.import_assets(make_request("/x", method="POST", data=JPEG, content_type="image/jpeg"))
    assert isinstance(wrong, UnsupportedMediaType)
    service.assets.asset_import_template.return_value = {"filename": "templat.xlsx", "content_type": XLSX,
                                                         "content_b64": b64(b"PK\x03\x04")}
    assert service.asset_import_template(make_request("/x")).status == 200
    service.assets.import_asset_codes.return_value = {"created": 1, "updated": 0, "total": 1}
    assert service.import_asset_codes(make_request("/x", method="POST", data=b"kode,nama\n1,Aset\n",
                                                   content_type="text/csv")).status == 200


def test_codes_useful_lives_and_capabilities(service):
    service.assets.list_asset_codes.return_value = {"items": [], "next_cursor": None}
    service.list_asset_codes(make_request("/x", query_string="prefix=1.3.2&registrable=true"))
    service.assets.list_asset_codes.assert_called_once_with(filters={"prefix": "1.3.2", "registrable": True},
                                                            cursor=None, limit=DEFAULT_LIMIT)
    service.assets.add_useful_life.return_value = {"id": 1}
    life = {"code_prefix": "1.3.2", "years": 5, "valid_from": "2027-01-01"}
    assert service.add_useful_life(post(life)).status == 201
    service.assets.list_useful_lives.return_value = []
    assert service.list_useful_lives(make_request("/x")).body == {"items": []}
    service.assets.capabilities.return_value = {"read": True}
    assert service.assets_capabilities(make_request("/x")).body == {"read": True}


def test_the_routes_are_in_the_openapi_document():
    paths = build_spec(GatewayService)["paths"]
    for path in ("/api/v1/assets/items", "/api/v1/assets/items/{asset_id}", "/api/v1/assets/items/{asset_id}/files",
                 "/api/v1/assets/rooms", "/api/v1/assets/codes", "/api/v1/assets/imports/template",
                 "/api/v1/assets/capabilities"):
        assert path in paths, sorted(p for p in paths if "assets" in p)


def test_the_document_with_these_routes_is_valid_openapi_3():
    import json
    import pathlib

    from jsonschema import Draft4Validator

    schema = json.loads((pathlib.Path(__file__).parent / "oas-3.0-schema-2021-09-28.json").read_text())
    errors = list(Draft4Validator(schema).iter_errors(build_spec(GatewayService)))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
