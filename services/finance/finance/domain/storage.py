"""Where the archive keeps its files: one small interface, two implementations.

* ``Storage``: ``put(key, data, content_type)``, ``get(key) -> bytes``, ``exists(key)``, ``delete(key)`` and
  ``chunks(key)`` (the bytes in pieces, for the integrity check: memory bounded by the piece size). ``get`` and
  ``chunks`` raise ``StorageMissing`` when nothing is stored under the key.
* ``LocalStorage``: a directory (``SITUOK_FINANCE_STORAGE_DIR``; ``var/finance-archive`` under the repository
  when run from a checkout). A file is written beside its final name and renamed into place, so a reader never
  sees half of it.
* ``S3Storage``: a bucket of any S3-compatible server (MinIO in deployments; AWS S3 works too), path-style
  addressing, credentials from the settings. The bucket must exist (see the service's README).
* ``ArchiveStorage``: the Nameko dependency giving the service the storage its settings choose
  (``SITUOK_FINANCE_STORAGE``: ``local`` or ``s3``). The settings are read for each worker, so a change of
  settings (a test pointing the service at its own S3 server) takes effect without a restart.

Keys are relative paths of ASCII segments (``2026/03/12/ab12…-nota.pdf``, ``domain.archive.storage_key``);
anything else (``..``, an absolute path, a backslash) is refused before it reaches a backend.
"""
from __future__ import annotations

import os
import re
import tempfile
from abc import ABC, abstractmethod
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from nameko.extensions import DependencyProvider
from situok_kit.config import env

CHUNK_BYTES = 1024 * 1024
_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._()-]*(/[A-Za-z0-9][A-Za-z0-9._() -]*)*$")


class StorageMissing(LookupError):
    """Nothing is stored under the key."""


def checked_key(key: str) -> str:
    """``key`` when it is a plain relative path (no ``..``, no leading ``/``, no backslash); else ValueError."""
    if not isinstance(key, str) or not key or len(key) > 500 or not _KEY.match(key) \
            or any(part in (".", "..") for part in key.split("/")):
        raise ValueError(f"not an archive storage key: {key!r}")
    return key


class Storage(ABC):
    """The archive's storage interface (see the module's docstring); ``get`` is ``chunks`` joined."""

    kind = "abstract"

    @abstractmethod
    def put(self, key: str, data: bytes, content_type: str) -> None: ...

    def get(self, key: str) -> bytes:
        return b"".join(self.chunks(key))

    @abstractmethod
    def exists(self, key: str) -> bool: ...

    @abstractmethod
    def delete(self, key: str) -> None: ...

    @abstractmethod
    def chunks(self, key: str, size: int = CHUNK_BYTES) -> Iterator[bytes]: ...


class LocalStorage(Storage):
    kind = "local"

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root).resolve()

    def _path(self, key: str) -> Path:
        return self.root / checked_key(key)

    def put(self, key: str, data: bytes, content_type: str) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".part-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def chunks(self, key: str, size: int = CHUNK_BYTES) -> Iterator[bytes]:
        path = self._path(key)
        try:
            handle = path.open("rb")
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            raise StorageMissing(key) from None
        with handle:
            while piece := handle.read(size):
                yield piece


class S3Storage(Storage):
    kind = "s3"

    def __init__(self, bucket: str, endpoint: str | None = None, access_key: str | None = None,
                 secret_key: str | None = None, region: str | None = None):
        import boto3
        from botocore.config import Config

        self.bucket = bucket
        self.client = boto3.client(
            "s3", endpoint_url=endpoint or None, aws_access_key_id=access_key or None,
            aws_secret_access_key=secret_key or None, region_name=region or None,
            config=Config(signature_version="s3v4", s3={"addressing_style": "path"},
                          retries={"max_attempts": 3, "mode": "standard"}))

    @staticmethod
    def _missing(exc) -> bool:
        code = str(exc.response.get("Error", {}).get("Code", ""))
        return code in ("404", "NoSuchKey", "NotFound")

    def put(self, key: str, data: bytes, content_type: str) -> None:
        self.client.put_object(Bucket=self.bucket, Key=checked_key(key), Body=data, ContentType=content_type)

    def exists(self, key: str) -> bool:
        from botocore.exceptions import ClientError

        try:
            self.client.head_object(Bucket=self.bucket, Key=checked_key(key))
        except ClientError as exc:
            if self._missing(exc):
                return False
            raise
        return True

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=checked_key(key))

    def chunks(self, key: str, size: int = CHUNK_BYTES) -> Iterator[bytes]:
        from botocore.exceptions import ClientError

        try:
            answer = self.client.get_object(Bucket=self.bucket, Key=checked_key(key))
        except ClientError as exc:
            if self._missing(exc):
                raise StorageMissing(key) from None
            raise
        body = answer["Body"]
        try:
            yield from body.iter_chunks(size)
        finally:
            body.close()


# -- chosen by the settings -------------------------------------------------------------------------------

STORAGE_KINDS = ("local", "s3")


def default_directory() -> Path:
    """``var/finance-archive`` under the repository when run from a checkout, else under the working
    directory."""
    here = Path(__file__).resolve()
    repo = here.parents[4] if len(here.parents) > 4 else Path.cwd()
    base = repo if (repo / "services" / "finance").is_dir() else Path.cwd()
    return base / "var" / "finance-archive"


def settings() -> tuple[str, ...]:
    """The storage settings now (``SITUOK_FINANCE_STORAGE`` and the rest), as a hashable tuple."""
    return (env("SITUOK_FINANCE_STORAGE").strip().lower() or "local", env("SITUOK_FINANCE_STORAGE_DIR"),
            env("SITUOK_FINANCE_S3_ENDPOINT"), env("SITUOK_FINANCE_S3_BUCKET"),
            env("SITUOK_FINANCE_S3_ACCESS_KEY"), env("SITUOK_FINANCE_S3_SECRET_KEY"),
            env("SITUOK_FINANCE_S3_REGION"))


@lru_cache(maxsize=8)
def storage_for(config: tuple[str, ...]) -> Storage:
    """The storage ``config`` (a ``settings()`` tuple) describes; one instance per distinct configuration."""
    kind, directory, endpoint, bucket, access_key, secret_key, region = config
    if kind == "local":
        return LocalStorage(directory or default_directory())
    if kind == "s3":
        if not bucket:
            raise RuntimeError("SITUOK_FINANCE_S3_BUCKET must name the archive's bucket")
        return S3Storage(bucket, endpoint or None, access_key or None, secret_key or None, region or None)
    raise RuntimeError(f"SITUOK_FINANCE_STORAGE is {kind!r}; it must be one of {', '.join(STORAGE_KINDS)}")


def configured_storage() -> Storage:
    return storage_for(settings())


class ArchiveStorage(DependencyProvider):
    """``self.storage`` in the finance service: the ``Storage`` its settings choose (checked at start, so a
    misconfigured storage stops the service instead of failing the first upload)."""

    def setup(self):
        configured_storage()

    def get_dependency(self, worker_ctx):
        return configured_storage()
