# govreport — `make run` starts the application, `make test` runs the whole suite (both set everything up first).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

# What the application needs from the system: CJK fonts (hanazono and symbola: the PDF's fallback for CJK Extension B,
# rare characters and emoji) and the libraries Qt loads.
RUN_PKGS := fonts-wqy-microhei fonts-arphic-uming fonts-arphic-ukai fonts-hanazono fonts-symbola fontconfig libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 \
            libfontconfig1 libglib2.0-0 libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 \
            libxcb-render-util0 libxcb-image0 libxcb-randr0 libxcb-xinerama0 libcups2
# What the tests need besides: a virtual display and xwininfo (x11-utils: the window fits the screen), PDF tools, LibreOffice (Calc and Writer) to prove the workbook and
# the Word document open elsewhere, Chromium to load the review page and the report's web page in a real browser engine,
# and Node.js to run axe-core (the accessibility rules) in it.  fonts-liberation2: Times New Roman's metric twin (the
# documents' Latin face), so that LibreOffice sets figures as Word does; without it fontconfig gives DejaVu, whose
# wider digits wrap a 6-digit figure in Table 三's narrow columns.  npm comes with Debian's package `npm`, unless the
# installed Node.js brings its own (NodeSource's does, and conflicts with Debian's npm).
TEST_PKGS := $(RUN_PKGS) xvfb xauth x11-utils poppler-utils libreoffice-calc-nogui libreoffice-writer-nogui chromium \
             fonts-liberation2 nodejs
# axe-core and chrome-remote-interface (drives the system's Chromium; no browser is downloaded) from the npm registry,
# as pinned in tests/js/package-lock.json, into tests/js/node_modules (git-ignored).
JS_STAMP := tests/js/node_modules/.installed

.PHONY: run test test-long lint bench bench-check fuzz system-run system-test venv clean

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
	@command -v npm >/dev/null 2>&1 || bash tools/system-deps.sh npm

$(JS_STAMP): tests/js/package.json tests/js/package-lock.json
	cd tests/js && npm ci --no-audit --no-fund
	@touch $@

run: system-run $(STAMP)
	$(VENV)/bin/govreport-gui $(FILE)

test: system-test $(STAMP) $(JS_STAMP)
	$(PY) -m ruff check govreport_gui tests benchmarks
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q $(PYTEST_ARGS)

# The long runs the ordinary suite leaves out: the tests marked `slow` (200 kills during a save) and long fuzzing.
test-long: fuzz
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -m slow $(PYTEST_ARGS)

lint: $(STAMP)
	$(PY) -m ruff check govreport_gui tests benchmarks

bench: system-test $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/run.py

# The quick figures (core edit, open/save, validate 200 files, a fresh PDF export) against their targets: exit 1 when
# one is over.  Run it before resolving an issue.
bench-check: system-run $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/check.py

fuzz: system-test $(STAMP)
	QT_QPA_PLATFORM=offscreen GOVREPORT_FUZZ=long $(PY) -m pytest -q -m 'slow or not slow' tests/test_fuzz_*.py

clean:
	rm -rf --one-file-system $(VENV) build dist *.egg-info .pytest_cache .ruff_cache tests/js/node_modules

# --- desktop build (packaging/README.md): one folder dist/govreport with govreport-gui and govreport ----------------
# What the build and its smoke test need besides: binutils (PyInstaller reads libraries with objdump), x11-utils
# (xwininfo sees the window appear under Xvfb), xdotool (presses Ctrl+P), shared-mime-info and desktop-file-utils
# (install.sh is checked).
PACKAGE_PKGS := $(TEST_PKGS) binutils x11-utils xdotool shared-mime-info desktop-file-utils
PACKAGE_STAMP := $(VENV)/.package-installed

.PHONY: package package-test package-arm64 package-arm64-test package-native lock

# The .deb for UOS / Kylin (packaging/deb/build-deb.sh; packaging/README.md): from dist/govreport, which `make package`
# builds; DEB_DIST=dist/govreport-native packages `make package-native`'s folder instead (runs only on new systems).
DEB_DIST ?= dist/govreport
.PHONY: deb deb-test
deb: $(if $(filter dist/govreport,$(DEB_DIST)),package)
	bash packaging/deb/build-deb.sh $(DEB_DIST) dist

# Installs the .deb in the plain Debian 11 root package-test uses, runs it, removes it and checks nothing is left.
deb-test: deb
	QT_QPA_PLATFORM=offscreen GOVREPORT_DIST=$(DEB_DIST) \
	  GOVREPORT_DEB="$$(ls -t dist/*.deb | head -1)" GOVREPORT_OLD_ROOT="$$(bash packaging/compat/test-root.sh amd64)" \
	  $(PY) -m pytest -q tests/package/test_deb.py

# requirements.lock: the desktop build's packages pinned to the tested versions, with their hashes (make package
# installs from it with --require-hashes); regenerate after changing a dependency or PYSIDE_VERSION.
lock: $(STAMP)
	$(PY) packaging/lock.py > requirements.lock.new && mv requirements.lock.new requirements.lock

$(PACKAGE_STAMP): $(STAMP) pyproject.toml
	$(PY) -m pip install -q -e '.[package]'
	@touch $@

# The folder clerks get, built inside a Debian 11 root (glibc 2.31, PySide6 6.9) so that it also runs on UOS 20 and
# Kylin V10; needs root.  The first build makes the root and Python 3.11 in build/compat/ (about 10 minutes).
package: $(PACKAGE_STAMP)
	@bash tools/system-deps.sh $(PACKAGE_PKGS) debootstrap
	bash packaging/compat/build.sh amd64 dist/govreport

# The smoke test here, then again inside a plain Debian 11 with only the OpenGL libraries added.
package-test: package
	QT_QPA_PLATFORM=offscreen GOVREPORT_DIST=dist/govreport GOVREPORT_MAX_GLIBC=2.28 \
	  GOVREPORT_OLD_ROOT="$$(bash packaging/compat/test-root.sh amd64)" $(PY) -m pytest -q tests/package

# The same for arm64 PCs (Kylin on Phytium/Kunpeng), built and run through qemu: slow (about an hour the first time).
package-arm64: $(PACKAGE_STAMP)
	bash packaging/compat/build.sh arm64 dist/govreport-arm64

package-arm64-test: package-arm64
	GOVREPORT_DIST=dist/govreport-arm64 GOVREPORT_OLD_ROOT="$$(bash packaging/compat/test-root.sh arm64)" \
	  $(PY) -m pytest -q tests/package/test_old_glibc.py

# A quick build with this machine's own Python and Qt: runs only where glibc is as new as here (2.36).
package-native: $(PACKAGE_STAMP)
	@bash tools/system-deps.sh $(PACKAGE_PKGS)
	rm -rf build/govreport dist/govreport-native
	$(PY) -m PyInstaller --noconfirm --clean --log-level WARN --distpath build/native-dist --workpath build \
	  packaging/govreport.spec
	mkdir -p dist && mv build/native-dist/govreport dist/govreport-native && rmdir build/native-dist
	@du -sh dist/govreport-native
