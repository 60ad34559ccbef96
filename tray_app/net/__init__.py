"""Network adapters: the only place that imports httpx (`http.py`) and the base-URL table."""
