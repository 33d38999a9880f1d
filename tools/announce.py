"""Wait until the stack answers through Traefik, print where to go, then stay up (honcho keeps it)."""
from __future__ import annotations

import os
import signal
import time
import urllib.request


def main() -> None:
    port = os.environ.get("SITUOK_HTTP_PORT", "8000")
    url = f"http://localhost:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/masuk", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            time.sleep(0.5)
    else:
        print(f"SITU OK did not answer at {url} within 120 s; see the logs above.", flush=True)
        signal.pause()
    print(
        "\n"
        f"  SITU OK is running at {url}/   (log in at {url}/masuk)\n"
        f"  Public portal: {url}/publik\n"
        f"  API:      {url}/api/v1   (docs: {url}/api/v1/docs)\n"
        "  Log in as 'admin' with SITUOK_ADMIN_PASSWORD, or the password the seed printed on the first run.\n"
        "  Ctrl-C stops everything.\n",
        flush=True,
    )
    signal.pause()


if __name__ == "__main__":
    main()
