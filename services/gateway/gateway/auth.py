"""Bearer-token authentication at the gateway.

The token checks, the verified-token cache and the revocation list are the
kit's (``situok_kit.authn``), shared with the web app; the gateway only reads
the token from the ``Authorization: Bearer`` header.
"""
from __future__ import annotations

from situok_kit.authn import Authenticator as _KitAuthenticator
from situok_kit.authn import RequestAuth as _KitRequestAuth
from situok_kit.errors import Unauthorized
from situok_kit.identity import Identity


def bearer_token(authorization: str | None) -> str:
    """The token of an ``Authorization: Bearer <token>`` header; 401 if there is none."""
    if not authorization:
        raise Unauthorized("Autentikasi diperlukan: kirim header Authorization: Bearer <token>.")
    scheme, _, token = authorization.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized("Header Authorization harus berbentuk 'Bearer <token>'.", {"token": "invalid"})
    return token


class RequestAuth(_KitRequestAuth):
    __slots__ = ()

    def authenticate(self, request) -> Identity:
        """Verify the bearer token of ``request`` and make its identity the worker's."""
        action = f"{request.method} {request.path}"
        try:
            token = bearer_token(request.headers.get("Authorization"))
        except Unauthorized as exc:
            self.audit_denied(exc, action)
            raise
        return self.authenticate_token(token, action)


class Authenticator(_KitAuthenticator):
    request_auth_class = RequestAuth
