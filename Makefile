# Doorstroom — the two commands a fresh machine needs: `make demo` and `make test`.
.PHONY: setup demo test test-domain test-apps serve openapi lint

setup:
	@bash scripts/setup.sh

demo: setup
	@bash scripts/demo.sh

test: setup
	@bash scripts/test.sh

serve: setup
	@bash scripts/serve.sh

lint: setup
	.venv/bin/ruff check src tests
	.venv/bin/lint-imports

openapi: setup
	DJANGO_SETTINGS_MODULE=doorstroom.conf.ci .venv/bin/python manage.py spectacular --validate --fail-on-warn --file docs/api/openapi.yaml
