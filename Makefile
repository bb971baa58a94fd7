# govreport — `make run` starts the application, `make test` runs the whole suite (both set everything up first).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

# What the application needs from the system: CJK fonts and the libraries Qt loads.
RUN_PKGS := fonts-wqy-microhei fonts-arphic-uming fonts-arphic-ukai fontconfig libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 \
            libfontconfig1 libglib2.0-0 libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 \
            libxcb-render-util0 libxcb-image0 libxcb-randr0 libxcb-xinerama0 libcups2
# What the tests need besides: a virtual display, PDF tools, LibreOffice to prove the workbook opens elsewhere.
TEST_PKGS := $(RUN_PKGS) xvfb xauth poppler-utils libreoffice-calc-nogui

.PHONY: run test lint bench fuzz system-run system-test venv clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -m venv $(VENV) || { bash tools/system-deps.sh python3-venv && $(PYTHON) -m venv $(VENV); }
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	@touch $@

system-run:
	@bash tools/system-deps.sh $(RUN_PKGS)

system-test:
	@bash tools/system-deps.sh $(TEST_PKGS)

run: system-run $(STAMP)
	$(VENV)/bin/govreport-gui $(FILE)

test: system-test $(STAMP)
	$(PY) -m ruff check govreport_gui tests benchmarks
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q $(PYTEST_ARGS)

lint: $(STAMP)
	$(PY) -m ruff check govreport_gui tests benchmarks

bench: system-test $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/run.py

fuzz: system-test $(STAMP)
	QT_QPA_PLATFORM=offscreen GOVREPORT_FUZZ=long $(PY) -m pytest -q tests/test_fuzz_*.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache

# --- desktop build (packaging/README.md): one folder dist/govreport with govreport-gui and govreport ----------------
# What the build and its smoke test need besides: binutils (PyInstaller reads libraries with objdump), x11-utils
# (xwininfo sees the window appear under Xvfb), xdotool (presses Ctrl+P), shared-mime-info and desktop-file-utils
# (install.sh is checked).
PACKAGE_PKGS := $(TEST_PKGS) binutils x11-utils xdotool shared-mime-info desktop-file-utils
PACKAGE_STAMP := $(VENV)/.package-installed

.PHONY: package package-test

$(PACKAGE_STAMP): $(STAMP) pyproject.toml
	$(PY) -m pip install -q -e '.[package]'
	@touch $@

package: $(PACKAGE_STAMP)
	@bash tools/system-deps.sh $(PACKAGE_PKGS)
	rm -rf build/govreport dist/govreport
	$(PY) -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build packaging/govreport.spec
	@du -sh dist/govreport

package-test: package
	QT_QPA_PLATFORM=offscreen GOVREPORT_DIST=dist/govreport $(PY) -m pytest -q tests/package
