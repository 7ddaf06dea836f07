"""What the server tells its operators: metrics, structured logs and traces.

A layer of services, below `schema` (whose caches count their lookups here) and above `engine`
and `data` (whose per-request operation report and statement counter it reads).
"""
