#!/usr/bin/env bash
# A plain Debian 11 (glibc 2.31) to run a built folder in, as on an older office PC: a minimal system plus only the
# libraries every desktop has and the folder deliberately leaves to the system (OpenGL/EGL, libpng, systemd's),
# and fontconfig's settings.
# Needs root.
#
#   packaging/compat/test-root.sh [amd64|arm64]     -> prints the root's path
set -euo pipefail
ARCH=${1:-amd64}
cd "$(dirname "$0")/../.."
source packaging/compat/common.sh
ROOT=$PWD/build/compat/$SUITE-$ARCH-run
make_root "$ROOT" "$ARCH" >&2
LIBS="libgl1 libegl1 libpng16-16 libsystemd0 fontconfig-config"
if [ "$(cat "$ROOT/.desktop-libs" 2>/dev/null)" != "$LIBS" ]; then
  # shellcheck disable=SC2086
  root_install "$ROOT" $LIBS >&2
  echo "$LIBS" >"$ROOT/.desktop-libs"
fi
echo "$ROOT"
