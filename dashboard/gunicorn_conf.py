"""gunicorn settings for the dashboard: `gunicorn -c python:dashboard.gunicorn_conf 'dashboard.wsgi:server'`.

Threaded workers, so that a slow client (one header line a second, on a poor link or on
purpose) holds one thread, not a whole worker: two of them no longer stop `/healthz` and every
planner. Request lines and headers are bounded. A reverse proxy in front (nginx) buffers slow
clients entirely and serves HTTPS; these settings keep the service up without one.
"""

import os

bind = os.environ.get("ZHAODONG_BIND", "127.0.0.1:8050")
workers = int(os.environ.get("ZHAODONG_WORKERS", "2"))
worker_class = "gthread"
threads = int(os.environ.get("ZHAODONG_THREADS", "8"))
timeout = 120  # a worker silent this long is restarted (an ingest of a large ledger takes under a minute)
graceful_timeout = 30
keepalive = 5
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
accesslog = "-"
errorlog = "-"
