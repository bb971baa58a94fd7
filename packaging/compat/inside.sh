#!/usr/bin/env bash
# Runs inside the old-Debian build root that build.sh prepares (with the packages the build needs installed): builds
# Python 3.11 from Debian's source once (no Python 3.11 exists for this Debian), then the folder with PyInstaller.
# Inputs: PYSIDE_VERSION and MIRROR (the Debian archive the machine uses) in the environment; the source at /src,
# with build/compat-in/ holding pip's wheel, the constraints and the machine's certificate bundle.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8 LANG=C.UTF-8 HOME=/root
PREFIX=/opt/python3.11
PY_TARBALL=python3.11_3.11.2.orig.tar.gz
PY_SHA256=2411c74bda5bbcfcddaf4531f66d1adc73f247f529aee981b029513aefdbf849
POOL="$MIRROR/pool/main/p/python3.11"
IN=/src/build/compat-in
export PIP_CERT="$IN/ca-certificates.crt" SSL_CERT_FILE="$IN/ca-certificates.crt" PIP_DISABLE_PIP_VERSION_CHECK=1

main() {
step() { printf '\n== %s\n' "$*"; }

# x86-64: no symbol newer than glibc 2.28 (UOS 20): older math symbol versions, and no sem_clockwait (2.30)
FLAGS="--prefix=$PREFIX --enable-shared --with-system-expat --without-ensurepip"
CFLAGS=""
if [ "$(uname -m)" = x86_64 ]; then
  CFLAGS="-include /src/packaging/compat/glibc-2.28.h"
  FLAGS="$FLAGS ac_cv_func_sem_clockwait=no"
fi
# fixes from later 3.11 releases, applied to the source (their checksums are part of what marks a build current)
local patches
patches=$(cd /src/packaging/compat && sha256sum python-3.11.2-*.patch)
if [ "$(cat "$PREFIX/.build-flags" 2>/dev/null)" != "$FLAGS $CFLAGS $patches" ]; then
  step "Python 3.11 from Debian's source (${PY_TARBALL})"
  rm -rf "$PREFIX" /opt/build-venv
  work=$(mktemp -d)
  curl -fsS -o "$work/$PY_TARBALL" "$POOL/$PY_TARBALL"
  echo "$PY_SHA256  $work/$PY_TARBALL" | sha256sum -c --quiet
  tar -xzf "$work/$PY_TARBALL" -C "$work"
  cd "$work/Python-3.11.2"
  for patch in /src/packaging/compat/python-3.11.2-*.patch; do patch -s -p1 <"$patch"; done
  # shared libpython (PyInstaller bundles it); Debian's own expat, zlib and libffi carry its security fixes
  # shellcheck disable=SC2086
  ./configure -q $FLAGS CFLAGS="$CFLAGS" LDFLAGS="-Wl,-rpath,$PREFIX/lib" >/dev/null
  make -s -j"$(nproc)" >/dev/null 2>"$work/make.log" || { tail -40 "$work/make.log"; exit 1; }
  make -s install >/dev/null 2>&1
  echo "$FLAGS $CFLAGS $patches" >"$PREFIX/.build-flags"
  cd / && rm -rf "$work"
fi
strip --strip-debug "$PREFIX/lib/libpython3.11.so.1.0"  # its debugging symbols are a quarter of its size
"$PREFIX/bin/python3.11" -c 'import sys, ssl, zlib, lzma, bz2, ctypes, pyexpat; print(sys.version)'

step "virtual environment"
VENV=/opt/build-venv
if [ ! -x "$VENV/bin/python" ]; then
  "$PREFIX/bin/python3.11" -m venv --without-pip "$VENV"
  # no ensurepip: the pip wheel (fetched outside) runs itself to install itself
  whl=$(ls "$IN"/pip-*.whl | head -1)
  "$VENV/bin/python" "$whl/pip" install -q --no-index "$whl"
fi
# x86-64: exactly the files hashed in requirements.lock (packaging/lock.py: the tested versions, Qt's the last that
# runs on this glibc), then the program itself without dependencies; elsewhere the tested versions as constraints
if [ "$(uname -m)" = x86_64 ] && [ -f /src/requirements.lock ] && grep -qi "^pyside6==${PYSIDE_VERSION} " /src/requirements.lock; then
  "$VENV/bin/python" -m pip install -q --require-hashes --only-binary=:all: -r /src/requirements.lock
  "$VENV/bin/python" -m pip install -q --no-deps --no-build-isolation /src
else
  "$VENV/bin/python" -m pip install -q -c "$IN/constraints.txt" \
    "PySide6==${PYSIDE_VERSION}" "/src[package]"
fi
"$VENV/bin/python" -m pip list --format=freeze 2>/dev/null | grep -iE '^(pyside6|shiboken6|pyinstaller|reportlab|openpyxl)=' || true

step "PyInstaller"
cd /src
rm -rf build/govreport dist/govreport
"$VENV/bin/python" -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build \
  packaging/govreport.spec
}
main "$@"
