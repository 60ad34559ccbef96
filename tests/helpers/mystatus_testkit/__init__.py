"""Test helpers importable from subprocesses (put tests/helpers on PYTHONPATH).

`keyring_backend.FileKeyring` is a file-backed keyring for the `token` command tests:
`PYTHON_KEYRING_BACKEND=mystatus_testkit.keyring_backend.FileKeyring` plus
`MYSTATUS_TEST_KEYRING=<path to a JSON file>`.
"""
