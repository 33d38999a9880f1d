"""Configuration from the environment, with working local defaults (12-factor).

Every variable the platform reads is listed in ``VARIABLES`` so the README's
configuration reference and ``situok-admin config`` come from one place.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

from situok_contracts.services import SERVICES, named

#: name -> (default, description). The single list of settings.
VARIABLES: dict[str, tuple[str, str]] = {
    "SITUOK_AMQP_URI": ("amqp://guest:guest@127.0.0.1:5672/", "RabbitMQ connection URI (vhost included)."),
    "SITUOK_DB_URL_TEMPLATE": (
        "postgresql+psycopg2://postgres@127.0.0.1:5432/situok_{service}",
        "SQLAlchemy URL for a service's database; {service} is replaced by the service name.",
    ),
    "SITUOK_DB_POOL_SIZE": ("5", "Database connections kept per service instance."),
    "SITUOK_RPC_TIMEOUT": ("10", "Seconds an RPC call across services may take before it fails (gateway: 504)."),
    "SITUOK_MAX_WORKERS": ("10", "Concurrent workers per service instance."),
    "SITUOK_ENV": (
        "development",
        "development or production. In production every service refuses to start unless its keys and secrets "
        "are set, 32+ bytes (keys: Ed25519), no repository placeholder, and not shared between purposes.",
    ),
    "SITUOK_JWT_SECRET": (
        "change-me-in-production-situok-dev-secret",
        "Development only: the signing keys left unset are derived from it (HKDF). Unused in production.",
    ),
    "SITUOK_TOKEN_PRIVATE_KEY": (
        "", "Ed25519 key signing access tokens (base64 of 32 raw bytes, or PEM); personnel only. "
            "`python -m situok_kit.keys` generates all four keys.",
    ),
    "SITUOK_TOKEN_PUBLIC_KEY": ("", "Public key verifying access tokens; every service but personnel."),
    "SITUOK_SYSTEM_PRIVATE_KEY": (
        "", "Ed25519 key signing system tokens (roster pulls, calls between services as the system); every backend "
            "service, never an edge.",
    ),
    "SITUOK_SYSTEM_PUBLIC_KEY": (
        "", "Public key verifying system tokens (optional where SITUOK_SYSTEM_PRIVATE_KEY is set).",
    ),
    "SITUOK_ACCESS_TOKEN_TTL": ("900", "Access token lifetime in seconds."),
    "SITUOK_REFRESH_TOKEN_TTL": ("1209600", "Refresh token lifetime in seconds (14 days)."),
    "SITUOK_SESSION_MAX_HOURS": ("12", "Absolute lifetime of a login session in hours, counted from login: "
                                       "refreshing never extends it."),
    "SITUOK_LOGIN_MAX_FAILURES": ("5", "Failed logins (per account, per account and address; ten times as many per "
                                       "address) before each further attempt from there must wait, 2^k seconds."),
    "SITUOK_LOGIN_LOCK_MINUTES": ("15", "Longest such wait, and how long failures are remembered. The owner signing "
                                        "in from a source without failures is never made to wait."),
    "SITUOK_PUBLIC_URL": (
        "http://localhost:8000",
        "Address people reach SITU OK at (links in letters, QR codes of verifiable letters).",
    ),
    "SITUOK_WEB_SECRET": (
        "change-me-in-production-situok-web-secret",
        "Encryption key of the web session cookie (Fernet, key derived with HKDF). Several comma-separated "
        "values rotate it: the first encrypts, all decrypt.",
    ),
    "SITUOK_WEB_IDLE_MINUTES": ("30", "Web session ends after this many minutes without a request."),
    "SITUOK_WEB_SESSION_HOURS": ("12", "Web session ends this many hours after login, active or not."),
    "SITUOK_WEB_SECURE_COOKIES": ("0", "1 to mark the web session cookie Secure (set it when served over HTTPS)."),
    "SITUOK_HTTP_PORT": ("8000", "Port Traefik listens on (the only public port)."),
    "SITUOK_GATEWAY_PORTS": (
        ",".join(str(port) for port in named("gateway").ports()),
        "Ports of the local gateway instances behind Traefik (make run; as many instances as ports).",
    ),
    "SITUOK_BIND_HOST": (
        "127.0.0.1",
        "Address a service's health/HTTP endpoint listens on: loopback locally (only Traefik's port is public); "
        "0.0.0.0 in containers (Compose, Kubernetes).",
    ),
    "SITUOK_HEALTH_PORT": ("0", "Port of a service's health/HTTP endpoint; 0 picks the service's default."),
    "SITUOK_SERVICE": ("", "Service `situok-service` runs when given no name (set by the service images)."),
    "SITUOK_ADMIN_PASSWORD": ("", "Password of the seeded admin account; generated and printed when empty."),
    "SITUOK_DEMO_PASSWORD": ("situok-demo-2026", "Password of the seeded demo accounts."),
    "SITUOK_LOG_LEVEL": ("INFO", "Log level of every service."),
    "SITUOK_LOG_FORMAT": ("json", "json (default) or text."),
    "SITUOK_OUTBOX_POLL_SECONDS": ("1.0", "How often the outbox relay looks for unsent events when not nudged."),
    "SITUOK_EVENT_ATTEMPTS": ("3", "Attempts an event handler gets before its message goes to the dead-letter queue."),
    # -- finance: the archive's storage (services/finance/README.md, "Archive") --
    "SITUOK_FINANCE_STORAGE": ("local", "Where finance's archive keeps files: local (a directory) or s3 (an "
                                        "S3-compatible bucket, MinIO in deployments)."),
    "SITUOK_FINANCE_STORAGE_DIR": ("", "Directory of the local archive storage; empty: var/finance-archive under "
                                       "the repository (or the working directory)."),
    "SITUOK_FINANCE_S3_ENDPOINT": ("", "URL of the S3-compatible server (e.g. http://minio:9000); empty: AWS S3."),
    "SITUOK_FINANCE_S3_BUCKET": ("situok-finance-archive", "Bucket of the archive (must exist)."),
    "SITUOK_FINANCE_S3_ACCESS_KEY": ("", "Access key of the archive's bucket (empty: boto3's own lookup)."),
    "SITUOK_FINANCE_S3_SECRET_KEY": ("", "Secret key of the archive's bucket."),
    "SITUOK_FINANCE_S3_REGION": ("us-east-1", "Region of the bucket (MinIO accepts us-east-1)."),
    "SITUOK_FINANCE_ARCHIVE_CHECK_SECONDS": ("86400", "Seconds between finance's archive integrity checks "
                                                      "(re-reading every file against its sha256); default daily."),
}

#: Default health/HTTP port per service (its first instance's, under make run; the images' too), from the list.
DEFAULT_PORTS = {service.name: service.port for service in SERVICES}


def env(name: str) -> str:
    """The value of a SITU OK setting: the environment, else the listed default."""
    default = VARIABLES[name][0] if name in VARIABLES else ""
    return os.environ.get(name, default)


def env_int(name: str) -> int:
    return int(env(name))


def env_float(name: str) -> float:
    return float(env(name))


def database_url(service: str) -> str:
    """The database URL of ``service``: SITUOK_DB_URL_<SERVICE> or the template."""
    specific = os.environ.get(f"SITUOK_DB_URL_{service.upper()}")
    if specific:
        return specific
    return env("SITUOK_DB_URL_TEMPLATE").format(service=service)


@dataclass(frozen=True)
class ServiceSettings:
    service: str
    amqp_uri: str
    db_url: str
    http_port: int
    max_workers: int
    rpc_timeout: float

    @classmethod
    def from_env(cls, service: str, http_port: int | None = None) -> ServiceSettings:
        port = http_port if http_port is not None else env_int("SITUOK_HEALTH_PORT")
        if not port:
            port = DEFAULT_PORTS.get(service, 8500)
        return cls(
            service=service,
            amqp_uri=env("SITUOK_AMQP_URI"),
            db_url=database_url(service),
            http_port=port,
            max_workers=env_int("SITUOK_MAX_WORKERS"),
            rpc_timeout=env_float("SITUOK_RPC_TIMEOUT"),
        )

    def nameko_config(self) -> dict:
        """The Nameko container config for this service."""
        return {
            "AMQP_URI": self.amqp_uri,
            "WEB_SERVER_ADDRESS": f"{env('SITUOK_BIND_HOST')}:{self.http_port}",
            "max_workers": self.max_workers,
            "parent_calls_tracked": 10,
            "serializer": "json",
            "DB_URL": self.db_url,
            "RPC_TIMEOUT": self.rpc_timeout,
            "SERVICE_NAME": self.service,
        }
