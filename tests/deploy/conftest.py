"""Deployment tests: offline checks of deploy/ and a real Traefik on loopback.

The repository root goes on sys.path so ``tools.traefik`` imports as it does
for the Makefile and the e2e tests.
"""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
