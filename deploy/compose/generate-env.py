"""Print a value for every empty variable of deploy/compose/.env.example: fresh random passwords (letters and
digits: they go into connection URLs), web's cookie secret, and two new Ed25519 key pairs (base64 of the 32 raw
bytes, as situok_kit.keys reads them).

    python3 deploy/compose/generate-env.py > deploy/compose/.env      # then adjust the optional settings

The keys come from the ``cryptography`` package when it is installed (the project's .venv has it), else from
``openssl``. Nothing is written but to stdout; run it once per installation and keep the result secret.
"""
from __future__ import annotations

import base64
import secrets
import string
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent / ".env.example"
ALPHABET = string.ascii_letters + string.digits


def password(length: int = 32) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def key_pair() -> tuple[str, str]:
    """(private, public), each base64 of its 32 raw bytes."""
    try:
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    except ImportError:
        der = subprocess.run(["openssl", "genpkey", "-algorithm", "ed25519", "-outform", "DER"],
                             check=True, capture_output=True).stdout
        public = subprocess.run(["openssl", "pkey", "-inform", "DER", "-pubout", "-outform", "DER"], input=der,
                                check=True, capture_output=True).stdout
        return base64.b64encode(der[-32:]).decode(), base64.b64encode(public[-32:]).decode()
    key = Ed25519PrivateKey.generate()
    raw = serialization.Encoding.Raw
    private = key.private_bytes(raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())
    public = key.public_key().public_bytes(raw, serialization.PublicFormat.Raw)
    return base64.b64encode(private).decode(), base64.b64encode(public).decode()


def main() -> int:
    pairs = {"TOKEN": key_pair(), "SYSTEM": key_pair()}
    for line in EXAMPLE.read_text(encoding="utf-8").splitlines():
        name, sep, value = line.partition("=")
        if not sep or line.startswith("#") or value:
            continue
        if name.endswith("_PRIVATE_KEY") or name.endswith("_PUBLIC_KEY"):
            purpose = name.removeprefix("SITUOK_").split("_", 1)[0]
            value = pairs[purpose][0 if name.endswith("_PRIVATE_KEY") else 1]
        elif name == "SITUOK_WEB_SECRET":
            value = secrets.token_urlsafe(48)
        else:
            value = password()
        print(f"{name}={value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
