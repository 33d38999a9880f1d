"""Root pytest configuration for every test in the repository.

Nameko 2.14's pytest plugin no longer monkey-patches eventlet, so it is done
here, before anything imports socket, threading or psycopg2.
"""
import eventlet

eventlet.monkey_patch()


def pytest_configure(config):
    import warnings

    warnings.filterwarnings("ignore", message=".*monkeypatch.*", category=UserWarning)
