"""Gunicorn settings for danvan (used by deploy/systemd/danvan-web.service and make prod-check).

Workers: 2 × cores + 1 (gunicorn's own advice for sync workers), capped by
WEB_CONCURRENCY when set. Each sync worker holds one PostgreSQL connection
(DB_CONN_MAX_AGE keeps it between requests).
"""

import multiprocessing
import os

bind = os.environ.get("DANVAN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
max_requests = 2000  # recycle workers now and then (memory growth in long runs)
max_requests_jitter = 200
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
# gunicorn's default line plus the time the worker spent on the request (ms): the
# server's own figure, which a loaded client or network does not blur.
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
wsgi_app = "danvan.wsgi:application"
