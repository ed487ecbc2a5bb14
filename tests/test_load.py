"""The load test, small enough for every run: arkiv serve under concurrent searches answers every one.

The measured run (20,000 items, 30 s an endpoint) is `python scripts/load.py`; its figures are in the README.
"""

from scripts.load import run_load


def test_concurrent_searches_against_arkiv_serve_all_succeed():
    result = run_load(items=400, seconds=2, connections=4, threads=4, seed=3)
    for name, endpoint in result["endpoints"].items():
        assert endpoint["errors"] == 0, (name, endpoint["error_kinds"])
        assert endpoint["requests"] > 20, name
