"""Every reach into a third-party library's internals, one module per library, each with a contract test
(tests/test_adapters.py) that names the version it was written against."""
