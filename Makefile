# The two commands of the README, and a few for developers. Each sets up what is missing itself.
.PHONY: run test test-slow bench venv clean

run:
	scripts/run.sh

test:
	scripts/test.sh

test-slow:
	scripts/test.sh -m slow

bench:
	scripts/bootstrap.sh --bench
	scripts/services.sh
	QT_QPA_PLATFORM=offscreen scripts/bench.sh

venv:
	scripts/bootstrap.sh

clean:
	rm -rf .venv .pytest_cache .hypothesis build dist *.egg-info
