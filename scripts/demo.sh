#!/usr/bin/env bash
# make demo: database, synthetic demo population, demo users, static files, server.
# Running it again reuses the data folder and the database: nothing is duplicated.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE=doorstroom.conf.demo
persons=${DOORSTROOM_DEMO_PERSONS:-1500}
data=var/demo-data
mkdir -p var
.venv/bin/python manage.py migrate --noinput -v0
if [ ! -f "$data/persons.csv" ]; then
  echo "demo: generating a synthetic population of $persons persons"
  .venv/bin/doorstroom synth --out "$data" --persons "$persons" --seed 1 --app-extras
fi
.venv/bin/doorstroom demo --data "$data"
.venv/bin/python manage.py collectstatic --noinput -v0
echo
echo "Doorstroom draait op http://127.0.0.1:8000  (Ctrl+C om te stoppen)"
exec .venv/bin/python manage.py runserver --noreload 127.0.0.1:8000
