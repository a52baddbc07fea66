#!/usr/bin/env bash
# make serve: the production setup. Gunicorn serves the app, WhiteNoise the
# compressed static files, settings come from the environment:
#   DATABASE_URL (PostgreSQL), DOORSTROOM_SECRET_KEY, DOORSTROOM_ALLOWED_HOSTS,
#   optional DOORSTROOM_BIND (default 127.0.0.1:8000), DOORSTROOM_WORKERS,
#   DOORSTROOM_SSL_REDIRECT=0 when TLS ends in front of a plain-HTTP test setup.
# Health check: GET /health/ answers {"status": "ok"} when the database answers.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL, e.g. postgres://user@127.0.0.1:5432/doorstroom}"
: "${DOORSTROOM_SECRET_KEY:?set DOORSTROOM_SECRET_KEY to a long random string}"
: "${DOORSTROOM_ALLOWED_HOSTS:?set DOORSTROOM_ALLOWED_HOSTS, e.g. doorstroom.example.org}"
export DJANGO_SETTINGS_MODULE=doorstroom.conf.production
workers=${DOORSTROOM_WORKERS:-$(( $(nproc) * 2 + 1 ))}
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py collectstatic --noinput -v0
exec .venv/bin/gunicorn doorstroom.wsgi:application \
  --config python:doorstroom.ops.gunicorn_conf \
  --bind "${DOORSTROOM_BIND:-127.0.0.1:8000}" --workers "$workers" \
  --access-logfile - --timeout 60 --graceful-timeout 20
