"""gunicorn settings of the portal's web process: `gunicorn -c deploy/gunicorn.conf.py`.

Every value can be changed with an environment variable, so that systemd, compose and the
tests use this one file.
"""

import os

from gunicorn.glogging import Logger

wsgi_app = "dsi_portal.wsgi:application"
# Behind nginx on the same machine (systemd) or in the compose network (0.0.0.0:8000).
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: nginx buffers slow clients, so a worker is busy only while Django works.
# WEB_CONCURRENCY is gunicorn's own variable; about 2 per core.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1))
# A request that takes longer is killed (and its worker replaced); nginx gives up at 60 s.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 20
keepalive = 5
# Replace workers now and then: a slow leak never becomes an outage.
max_requests = 2000
max_requests_jitter = 200
# Only the proxy may say which scheme the visitor used (X-Forwarded-Proto); gunicorn trusts
# it from these addresses. Django decides with SECURE_PROXY_SSL_HEADER (TRUSTED_PROXY_COUNT).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms "%(a)s"'
proc_name = os.environ.get("GUNICORN_PROC_NAME", "dsi-portal")


class QuietHealthLogger(Logger):
    """The access log, without the load balancers' successful calls to the health endpoint
    (one every few seconds per balancer); a failed check (503) is still logged."""

    def access(self, resp, req, environ, request_time):
        if req.path == "/sante/" and resp.status_code == 200:
            return
        super().access(resp, req, environ, request_time)


logger_class = QuietHealthLogger
