"""A real local S3 server for the archive's tests: moto's server mode in a subprocess on 127.0.0.1 and a free
port, started once per test session, waited for (its port answers, then an S3 call), stopped afterwards.

``s3_server`` (session fixture) -> ``S3Server`` (endpoint, credentials, ``client()``, ``bucket(name)`` makes a
fresh bucket). ``archive_env(server, bucket)`` is the ``SITUOK_FINANCE_*`` settings pointing at it.
"""
from __future__ import annotations

import subprocess
import sys
import uuid
from dataclasses import dataclass

import pytest
from situok_kit import testing

ACCESS_KEY = "situok-test-access"
SECRET_KEY = "situok-test-secret-key"
REGION = "us-east-1"


@dataclass
class S3Server:
    endpoint: str

    def client(self):
        import boto3

        return boto3.client("s3", endpoint_url=self.endpoint, aws_access_key_id=ACCESS_KEY,
                            aws_secret_access_key=SECRET_KEY, region_name=REGION)

    def bucket(self, prefix: str = "archive") -> str:
        name = f"{prefix}-{uuid.uuid4().hex[:12]}"
        self.client().create_bucket(Bucket=name)
        return name


def archive_env(server: S3Server, bucket: str) -> dict[str, str]:
    return {"SITUOK_FINANCE_STORAGE": "s3", "SITUOK_FINANCE_S3_ENDPOINT": server.endpoint,
            "SITUOK_FINANCE_S3_BUCKET": bucket, "SITUOK_FINANCE_S3_ACCESS_KEY": ACCESS_KEY,
            "SITUOK_FINANCE_S3_SECRET_KEY": SECRET_KEY, "SITUOK_FINANCE_S3_REGION": REGION}


def _answers(server: S3Server) -> bool:
    try:
        server.client().list_buckets()
    except Exception:
        return False
    return True


@pytest.fixture(scope="session")
def s3_server():
    port = testing.free_port()
    process = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server = S3Server(f"http://127.0.0.1:{port}")
    try:
        testing.wait_for(lambda: process.poll() is not None or testing.port_open(port), timeout=60,
                         message="moto's S3 server to listen")
        assert process.poll() is None, "moto's S3 server exited at start"
        testing.wait_for(lambda: _answers(server), timeout=30, message="moto's S3 server to answer")
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
