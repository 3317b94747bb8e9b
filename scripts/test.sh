#!/usr/bin/env bash
# The test command behind `make test` and .ci/run: set up what is missing, start the services,
# run the whole suite headless. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
scripts/services.sh
export QT_QPA_PLATFORM=offscreen
export HYPOTHESIS_PROFILE="${HYPOTHESIS_PROFILE:-ci}"   # fixed examples (tests/conftest.py)
set +e
.venv/bin/python -m pytest "$@"
code=$?
set -e
if [ "$code" -eq 5 ]; then
  echo "test: pytest collected no tests — treating that as a failure" >&2
  exit 1
fi
exit "$code"
