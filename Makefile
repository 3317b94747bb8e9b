# The two commands of the README, and a few for developers. Each sets up what is missing itself.
.PHONY: run test test-slow bench venv clean translations

run:
	scripts/run.sh

test:
	scripts/test.sh

test-slow:
	HYPOTHESIS_PROFILE=explore scripts/test.sh -m slow

bench:
	scripts/bootstrap.sh --bench
	scripts/services.sh
	QT_QPA_PLATFORM=offscreen scripts/bench.sh

venv:
	scripts/bootstrap.sh

# The catalogue of UI strings (source texts, untranslated) that pyside6-lupdate extracts from ui/.
translations:
	scripts/bootstrap.sh
	.venv/bin/pyside6-lupdate $$(find ui -name '*.py' | sort) -no-obsolete -locations none \
		-source-language zh_CN -target-language en -ts resources/i18n/squaddesk_en.ts

clean:
	rm -rf .venv .pytest_cache .hypothesis build dist *.egg-info
