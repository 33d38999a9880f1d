"""SITU OK's RabbitMQ vhost, users and permissions, from the generated template and passwords from the environment.

    python broker_users.py render TEMPLATE OUT   # Compose (one-shot rabbitmq-definitions): OUT, a definitions
                                                 # file with salted password hashes that RabbitMQ imports at
                                                 # every boot (rabbitmq/rabbitmq.conf: load_definitions)
    python broker_users.py apply TEMPLATE        # Kubernetes (Job broker-users): the same through the management
                                                 # HTTP API of a broker run elsewhere: RABBITMQ_MANAGEMENT_URL
                                                 # (http://host:15672), RABBITMQ_ADMIN_USER, RABBITMQ_ADMIN_PASSWORD

TEMPLATE is written by tools/deploy_files.py (``rabbitmq/definitions.template``: ``#`` comment lines, then
JSON): the vhost, one user per service with the permissions it needs on its own queues and exchanges, and the
variable holding each user's password (``password_variable``). A missing or empty password stops with a
message; no password is written anywhere but as RabbitMQ's salted SHA-256 hash. The operator user
(``"operator": true``, RABBITMQ_PASSWORD in Compose) is the broker's administrator in Compose; ``apply``
leaves it alone (a managed broker has its own). Standard library only: it runs on python:3.11-alpine.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
import sys
import urllib.parse
import urllib.request

HASHING = "rabbit_password_hashing_sha256"


def load(path: str) -> dict:
    with open(path, encoding="utf-8") as file:
        return json.loads("".join(line for line in file if not line.lstrip().startswith("#")))


def password(user: dict) -> str:
    variable = user["password_variable"]
    value = os.environ.get(variable, "")
    if not value:
        raise SystemExit(f"{variable} is not set: the password of RabbitMQ user {user['name']}")
    return value


def hash_password(value: str, salt: bytes | None = None) -> str:
    """RabbitMQ's rabbit_password_hashing_sha256: base64(salt + sha256(salt + password)), a 4-byte salt."""
    salt = salt if salt is not None else secrets.token_bytes(4)
    return base64.b64encode(salt + hashlib.sha256(salt + value.encode("utf-8")).digest()).decode("ascii")


def render(template: dict) -> dict:
    return {
        "vhosts": template["vhosts"],
        "users": [{"name": u["name"], "password_hash": hash_password(password(u)), "hashing_algorithm": HASHING,
                   "tags": u["tags"]} for u in template["users"]],
        "permissions": template["permissions"],
        "topic_permissions": template["topic_permissions"],
    }


def apply(template: dict) -> None:
    base = os.environ["RABBITMQ_MANAGEMENT_URL"].rstrip("/")
    auth = base64.b64encode(f"{os.environ['RABBITMQ_ADMIN_USER']}:{os.environ['RABBITMQ_ADMIN_PASSWORD']}"
                            .encode()).decode()

    def put(path: str, body: dict) -> None:
        request = urllib.request.Request(f"{base}/api/{path}", data=json.dumps(body).encode(), method="PUT",
                                         headers={"Authorization": f"Basic {auth}",
                                                  "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10):
            pass

    def quoted(*parts: str) -> str:
        return "/".join(urllib.parse.quote(p, safe="") for p in parts)

    for vhost in template["vhosts"]:
        put(quoted("vhosts", vhost["name"]), {})
    operators = {u["name"] for u in template["users"] if u.get("operator")}
    for user in template["users"]:
        if user["name"] not in operators:
            put(quoted("users", user["name"]), {"password_hash": hash_password(password(user)),
                                                "hashing_algorithm": HASHING, "tags": ",".join(user["tags"])})
            print(f"user {user['name']}")
    for grant in template["permissions"]:
        if grant["user"] not in operators:
            put(quoted("permissions", grant["vhost"], grant["user"]),
                {k: grant[k] for k in ("configure", "write", "read")})
    for grant in template["topic_permissions"]:
        if grant["user"] not in operators:
            put(quoted("topic-permissions", grant["vhost"], grant["user"]),
                {k: grant[k] for k in ("exchange", "write", "read")})


def main(argv: list[str]) -> int:
    if len(argv) == 3 and argv[0] == "render":
        definitions = render(load(argv[1]))
        with open(argv[2], "w", encoding="utf-8") as out:
            json.dump(definitions, out, indent=1)
        print(f"wrote {argv[2]}: {len(definitions['users'])} users")
        return 0
    if len(argv) == 2 and argv[0] == "apply":
        apply(load(argv[1]))
        return 0
    print(__doc__.split("\n\n", 2)[1], file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
