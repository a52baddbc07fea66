#!/usr/bin/env bash
# make test: lint, the domain suite (no database), then the app, API and browser
# suites twice: on SQLite and on a throw-away PostgreSQL server.
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONDONTWRITEBYTECODE=1
py=.venv/bin

echo "== lint"
$py/ruff check src tests
$py/lint-imports --no-cache

echo "== domain and command-line tests (no database)"
$py/pytest tests/domain tests/commands -p no:cacheprovider -q

echo "== app, API and browser tests on SQLite"
DJANGO_SETTINGS_MODULE=doorstroom.conf.ci $py/pytest tests/apps tests/browser -p no:cacheprovider -q

echo "== app, API and browser tests on PostgreSQL"
pg=$(bash scripts/postgres.sh start)
eval "$pg"
trap 'bash scripts/postgres.sh stop "$PG_DIR"' EXIT
DATABASE_URL="$DATABASE_URL" DJANGO_SETTINGS_MODULE=doorstroom.conf.ci \
  $py/pytest tests/apps tests/browser -p no:cacheprovider -q
