"""A tiny TCP forwarder run as its own process: ``python -m situok_kit.tcpproxy LISTEN_PORT HOST:PORT``.

Tests put it between a service and RabbitMQ or PostgreSQL; killing the process
is a clean "the network is gone" (every connection drops, new ones are refused)
that never touches the shared servers. Plain threads: it must not depend on the
test process's eventlet hub.
"""
from __future__ import annotations

import socket
import sys
import threading


def pump(src: socket.socket, dst: socket.socket) -> None:
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            dst.sendall(data)
    except OSError:
        pass
    finally:
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def serve(listen_port: int, target: tuple[str, int]) -> None:
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", listen_port))
    listener.listen(128)
    print("ready", flush=True)
    while True:
        client, _ = listener.accept()
        try:
            upstream = socket.create_connection(target, timeout=5)
            upstream.settimeout(None)
        except OSError:
            client.close()
            continue
        threading.Thread(target=pump, args=(client, upstream), daemon=True).start()
        threading.Thread(target=pump, args=(upstream, client), daemon=True).start()


if __name__ == "__main__":
    host, _, port = sys.argv[2].rpartition(":")
    serve(int(sys.argv[1]), (host, int(port)))
