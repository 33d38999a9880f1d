"""Build Werkzeug requests for unit tests (no server)."""
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request


def make_request(path: str = "/", method: str = "GET", query_string=None, data=None, headers=None,
                 content_type=None, json=None) -> Request:
    builder = EnvironBuilder(path=path, method=method, query_string=query_string, data=data,
                             headers=headers, content_type=content_type, json=json)
    try:
        return Request(builder.get_environ())
    finally:
        builder.close()
