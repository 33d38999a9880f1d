"""Signing keys of the platform, and the production start-up check of every secret.

Two Ed25519 keypairs:

* the *access-token* key: personnel signs access tokens with the private key
  (``SITUOK_TOKEN_PRIVATE_KEY``); every other process holds only the public key
  (``SITUOK_TOKEN_PUBLIC_KEY``), so the gateway and web verify but cannot mint;
* the *system* key: the backend services (personnel, travel, attendance) sign
  short-lived tokens for the work they do on their own behalf (roster pulls)
  with ``SITUOK_SYSTEM_PRIVATE_KEY``; the ``SYSTEM`` identity is accepted only
  from a token that verifies with ``SITUOK_SYSTEM_PUBLIC_KEY``. The edges never
  hold it.

A key is base64 of its 32 raw bytes, or PEM. In development (``SITUOK_ENV`` not
``production``) a key left unset is derived from ``SITUOK_JWT_SECRET`` with
HKDF (one label per key), so ``make run`` and the tests need nothing new. In
production every key must be given, and ``check_production`` (run by the
launcher) refuses to start a service whose secrets are missing, short, equal
to a placeholder of this repository, or shared between purposes.
"""
from __future__ import annotations

import base64
import binascii
import functools
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from situok_contracts.services import SERVICES

from .config import VARIABLES, env

ACCESS_INFO = b"situok access-token signing key v1"
SYSTEM_INFO = b"situok system-token signing key v1"

#: The services that sign access tokens / system tokens: personnel the access tokens; every backend service (not
#: an edge, not the benchmark's) system tokens — its roster pull, booking's pull of assets' resources, agenda's
#: room reservations — as the deployment files give each the system key pair (tools/deploy_files.py).
ACCESS_SIGNERS = frozenset({"personnel"})
SYSTEM_SIGNERS = frozenset(s.name for s in SERVICES if not s.edge and not s.bench)
#: Services that verify system tokens (their callers may act as ``SYSTEM``).
SYSTEM_VERIFIERS = SYSTEM_SIGNERS
#: Public edges: they must hold no private key at all.
EDGES = frozenset({"gateway", "web"})

MIN_SECRET_BYTES = 32

#: Placeholder values shipped in this repository (deploy/compose/.env.example, deploy/k8s/base/secret*.yaml);
#: the kit's tests check that every one there is listed. Anything containing "change-me" is refused as well.
KNOWN_PLACEHOLDERS = frozenset({
    "change-me-to-a-long-random-secret",
    "change-me-to-another-long-random-secret",
    "CHANGE-ME-to-at-least-32-random-characters",
    "CHANGE-ME-to-at-least-32-other-random-characters",
})

#: Variables holding a secret or key.
SECRET_VARIABLES = ("SITUOK_JWT_SECRET", "SITUOK_WEB_SECRET", "SITUOK_TOKEN_PRIVATE_KEY",
                    "SITUOK_TOKEN_PUBLIC_KEY", "SITUOK_SYSTEM_PRIVATE_KEY", "SITUOK_SYSTEM_PUBLIC_KEY")


class KeySettingError(RuntimeError):
    """A key setting that cannot be used (missing in production, malformed)."""


def is_production() -> bool:
    return env("SITUOK_ENV").strip().lower() == "production"


# -- loading and deriving ------------------------------------------------------

def _decode_raw(text: str) -> bytes | None:
    compact = "".join(text.split())
    for decode in (base64.urlsafe_b64decode, base64.b64decode):
        try:
            raw = decode(compact + "=" * (-len(compact) % 4))
        except (binascii.Error, ValueError):
            continue
        if len(raw) == 32:
            return raw
    return None


def load_private_key(text: str, name: str = "private key") -> Ed25519PrivateKey:
    """An Ed25519 private key from base64 of its 32 raw bytes, or PEM (PKCS8)."""
    text = text.strip()
    try:
        if text.startswith("-----BEGIN"):
            key = serialization.load_pem_private_key(text.encode(), password=None)
            if not isinstance(key, Ed25519PrivateKey):
                raise KeySettingError(f"{name}: not an Ed25519 key")
            return key
        raw = _decode_raw(text)
        if raw is None:
            raise KeySettingError(f"{name}: expected base64 of 32 raw bytes or a PEM Ed25519 key")
        return Ed25519PrivateKey.from_private_bytes(raw)
    except (ValueError, TypeError) as exc:
        raise KeySettingError(f"{name}: {exc}") from None


def load_public_key(text: str, name: str = "public key") -> Ed25519PublicKey:
    """An Ed25519 public key from base64 of its 32 raw bytes, or PEM (SubjectPublicKeyInfo)."""
    text = text.strip()
    try:
        if text.startswith("-----BEGIN"):
            key = serialization.load_pem_public_key(text.encode())
            if not isinstance(key, Ed25519PublicKey):
                raise KeySettingError(f"{name}: not an Ed25519 key")
            return key
        raw = _decode_raw(text)
        if raw is None:
            raise KeySettingError(f"{name}: expected base64 of 32 raw bytes or a PEM Ed25519 key")
        return Ed25519PublicKey.from_public_bytes(raw)
    except (ValueError, TypeError) as exc:
        raise KeySettingError(f"{name}: {exc}") from None


def derive_private_key(secret: str, info: bytes) -> Ed25519PrivateKey:
    """A deterministic Ed25519 key from ``secret`` (HKDF-SHA256, ``info`` tells the keys apart)."""
    seed = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(secret.encode())
    return Ed25519PrivateKey.from_private_bytes(seed)


def public_bytes(key: Ed25519PublicKey | Ed25519PrivateKey) -> bytes:
    if isinstance(key, Ed25519PrivateKey):
        key = key.public_key()
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def encode_private(key: Ed25519PrivateKey) -> str:
    raw = key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                            serialization.NoEncryption())
    return base64.b64encode(raw).decode()


def encode_public(key: Ed25519PublicKey | Ed25519PrivateKey) -> str:
    return base64.b64encode(public_bytes(key)).decode()


def generate() -> dict[str, str]:
    """Fresh keys for a deployment: the four ``SITUOK_*_KEY`` settings."""
    access, system = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    return {"SITUOK_TOKEN_PRIVATE_KEY": encode_private(access), "SITUOK_TOKEN_PUBLIC_KEY": encode_public(access),
            "SITUOK_SYSTEM_PRIVATE_KEY": encode_private(system), "SITUOK_SYSTEM_PUBLIC_KEY": encode_public(system)}


@dataclass(frozen=True)
class KeySet:
    """The keys one process holds; a private key is ``None`` where the process may not sign."""

    access_public: Ed25519PublicKey | None
    access_private: Ed25519PrivateKey | None = None
    system_public: Ed25519PublicKey | None = None
    system_private: Ed25519PrivateKey | None = None

    @classmethod
    def from_secret(cls, secret: str) -> KeySet:
        """Both keypairs derived from one secret (development, tests)."""
        access, system = derive_private_key(secret, ACCESS_INFO), derive_private_key(secret, SYSTEM_INFO)
        return cls(access.public_key(), access, system.public_key(), system)

    def verifier_only(self) -> KeySet:
        """The same public keys without any private key (what an edge holds)."""
        return KeySet(self.access_public, None, self.system_public, None)


def _pair(private_var: str, public_var: str, secret: str | None, info: bytes, production: bool):
    private_text, public_text = os.environ.get(private_var, "").strip(), os.environ.get(public_var, "").strip()
    private = load_private_key(private_text, private_var) if private_text else None
    public = load_public_key(public_text, public_var) if public_text else None
    if private is not None and public is not None and public_bytes(private) != public_bytes(public):
        raise KeySettingError(f"{public_var} is not the public key of {private_var}")
    if private is None and public is None and not production:
        private = derive_private_key(secret or env("SITUOK_JWT_SECRET"), info)
    if public is None and private is not None:
        public = private.public_key()
    return private, public


@functools.lru_cache(maxsize=16)
def _keyset(secret: str | None, environment: tuple) -> KeySet:
    production = is_production()
    if secret and not production:
        return KeySet.from_secret(secret)
    access_private, access_public = _pair("SITUOK_TOKEN_PRIVATE_KEY", "SITUOK_TOKEN_PUBLIC_KEY", secret,
                                          ACCESS_INFO, production)
    system_private, system_public = _pair("SITUOK_SYSTEM_PRIVATE_KEY", "SITUOK_SYSTEM_PUBLIC_KEY", secret,
                                          SYSTEM_INFO, production)
    return KeySet(access_public, access_private, system_public, system_private)


def keyset(config: dict | None = None) -> KeySet:
    """The keys of this process: the environment's; a Nameko config ``JWT_SECRET`` (tests) derives both
    keypairs from it instead (development only)."""
    secret = (config or {}).get("JWT_SECRET") or None
    environment = tuple(os.environ.get(name, "") for name in ("SITUOK_ENV", *SECRET_VARIABLES))
    return _keyset(secret, environment)


# -- the production check --------------------------------------------------------

def placeholders() -> set[str]:
    """Every default or placeholder secret value known: the listed defaults, the known ones, and the values in
    deploy/**/.env.example when the repository is at hand."""
    found = {default for name, (default, _) in VARIABLES.items() if default and name in SECRET_VARIABLES}
    found |= KNOWN_PLACEHOLDERS
    root = Path(__file__).resolve().parents[3] / "deploy"
    if root.is_dir():
        for path in root.rglob("*.env.example"):
            found |= _example_values(path)
        for path in root.rglob(".env.example"):
            found |= _example_values(path)
    return found


def _example_values(path: Path) -> set[str]:
    values = set()
    try:
        for line in path.read_text().splitlines():
            name, sep, value = line.strip().partition("=")
            if sep and not name.startswith("#") and value.strip():
                values.add(value.strip().strip('"').strip("'"))
    except OSError:
        pass
    return values


def _is_placeholder(value: str, known: set[str]) -> bool:
    return "change-me" in value.lower() or value in known


def production_problems(service: str) -> list[str]:
    """What keeps ``service`` from starting in production (empty: nothing)."""
    problems: list[str] = []
    known = placeholders()
    derived = {public_bytes(derive_private_key(p, info)) for p in known for info in (ACCESS_INFO, SYSTEM_INFO)}

    def value(name: str) -> str:
        return os.environ.get(name, "").strip()

    def check_key(name: str, loader) -> bytes | None:
        text = value(name)
        if not text:
            problems.append(f"{name} is not set")
            return None
        if _is_placeholder(text, known):
            problems.append(f"{name} is a placeholder value; generate a key (python -m situok_kit.keys)")
            return None
        try:
            key = loader(text, name)
        except KeySettingError as exc:
            problems.append(str(exc))
            return None
        raw = public_bytes(key)
        if raw in derived:
            problems.append(f"{name} is derived from a default secret; generate a key (python -m situok_kit.keys)")
        return raw

    def forbid(name: str, why: str) -> None:
        if value(name):
            problems.append(f"{name} must not be set for {service}: {why}")

    signs_access, signs_system = service in ACCESS_SIGNERS, service in SYSTEM_SIGNERS
    access = check_key("SITUOK_TOKEN_PRIVATE_KEY", load_private_key) if signs_access else None
    if access is None and not signs_access:
        forbid("SITUOK_TOKEN_PRIVATE_KEY", "only personnel signs access tokens")
        access = check_key("SITUOK_TOKEN_PUBLIC_KEY", load_public_key)
    system = None
    if signs_system:
        system = check_key("SITUOK_SYSTEM_PRIVATE_KEY", load_private_key)
    else:
        forbid("SITUOK_SYSTEM_PRIVATE_KEY", "only the backend services act as the system")
        if service in EDGES:
            forbid("SITUOK_SYSTEM_PUBLIC_KEY", "an edge never accepts system calls")
    if access is not None and system is not None and access == system:
        problems.append("SITUOK_SYSTEM_PRIVATE_KEY must differ from SITUOK_TOKEN_PRIVATE_KEY")
    for private_var, public_var, info in (("SITUOK_TOKEN_PRIVATE_KEY", "SITUOK_TOKEN_PUBLIC_KEY", ACCESS_INFO),
                                          ("SITUOK_SYSTEM_PRIVATE_KEY", "SITUOK_SYSTEM_PUBLIC_KEY", SYSTEM_INFO)):
        if value(private_var) and value(public_var):
            try:
                _pair(private_var, public_var, None, info, True)
            except KeySettingError as exc:
                if str(exc) not in problems and not any(p.startswith(private_var) or p.startswith(public_var)
                                                        for p in problems):
                    problems.append(str(exc))

    if service == "web":
        web = value("SITUOK_WEB_SECRET")
        if not web:
            problems.append("SITUOK_WEB_SECRET is not set")
        else:
            entries = [s for s in web.replace(",", " ").split() if s]
            for index, entry in enumerate(entries, 1):
                where = f"SITUOK_WEB_SECRET (value {index})" if len(entries) > 1 else "SITUOK_WEB_SECRET"
                if _is_placeholder(entry, known):
                    problems.append(f"{where} is a placeholder value; set a random secret of 32+ bytes")
                elif len(entry.encode()) < MIN_SECRET_BYTES:
                    problems.append(f"{where} is shorter than {MIN_SECRET_BYTES} bytes")
            others = {value(n) for n in SECRET_VARIABLES if n != "SITUOK_WEB_SECRET"} - {""}
            if set(entries) & others:
                problems.append("SITUOK_WEB_SECRET must differ from the access-token key and SITUOK_JWT_SECRET")
    return problems


def check_production(service: str) -> None:
    """In production (``SITUOK_ENV=production``) refuse to start ``service`` with unusable secrets."""
    mode = env("SITUOK_ENV").strip().lower()
    if mode not in ("development", "production"):
        raise SystemExit(f"SITUOK_ENV must be 'development' or 'production', not {mode!r}")
    if mode != "production":
        return
    problems = production_problems(service)
    if problems:
        raise SystemExit(f"{service} refuses to start in production (SITUOK_ENV=production):\n  - "
                         + "\n  - ".join(problems))


def main() -> None:  # pragma: no cover - a convenience for operators
    for name, text in generate().items():
        print(f"{name}={text}")


if __name__ == "__main__":  # pragma: no cover
    main()
