"""Helpers for s390vmm's pytest suites: guest fixtures (fixtures), console expect (console), reference QEMU
boots (qemu). Test directories put tests/ on sys.path (see tests/reference/conftest.py) and import
`from framework import console, fixtures, qemu`."""
