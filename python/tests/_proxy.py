"""A TCP relay in front of the real registry that loses the answers of its first connections: the registry
processes the request, the client never hears back. How a retry after a lost answer is tested without a mock."""

from __future__ import annotations

import socket
import threading
from urllib.parse import urlsplit


class LosingProxy:
    """Relays to ``upstream_url``; the first ``lose`` connections get their request through and their answer
    dropped (the connection is closed once the registry has started answering)."""

    def __init__(self, upstream_url: str, lose: int) -> None:
        parts = urlsplit(upstream_url)
        self._upstream = (parts.hostname, parts.port)
        self._lose = lose
        self.connections = 0
        self._clients: list[socket.socket] = []
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self) -> None:
        self._listener.close()

    def cut_all(self) -> None:
        """Closes every client connection, as a registry closes kept-alive connections after its idle timeout."""
        with self._lock:
            clients, self._clients = self._clients, []
        for client in clients:
            try:
                client.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def __enter__(self) -> "LosingProxy":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                self.connections += 1
                losing = self.connections <= self._lose
                self._clients.append(client)
            upstream = socket.create_connection(self._upstream)
            threading.Thread(target=self._pipe, args=(client, upstream, None), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client, losing), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, target: socket.socket, lose: bool | None) -> None:
        try:
            while data := source.recv(65536):
                if lose:
                    break
                target.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, target):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                s.close()
