#!/usr/bin/env bash
# The whole test suite inside the build root, against what the folder is built from there: Python 3.11.2 and the
# older PySide6 (6.9.3 on x86-64).  Run after build.sh; needs root.
#
#   packaging/compat/suite.sh [amd64|arm64] [pytest arguments]
set -euo pipefail
main() {
  local arch=${1:-amd64}
  shift || true
  cd "$(dirname "$0")/../.."
  source packaging/compat/common.sh
  local root=$PWD/build/compat/$SUITE-$arch
  [ -f "$root/opt/build-venv/pyvenv.cfg" ] || { echo "no build root for $arch: run build.sh $arch first" >&2; exit 2; }
  rm -rf "$root/shared" && cp -r ../shared "$root/shared" 2>/dev/null || true  # the samples, where they are
  in_root "$root" QT_QPA_PLATFORM=offscreen PIP_CERT=/src/build/compat-in/ca-certificates.crt \
    PIP_DISABLE_PIP_VERSION_CHECK=1 bash -c '
      cd /src
      /opt/build-venv/bin/python -m pip install -q -c build/compat-in/constraints.txt ".[test]"
      /opt/build-venv/bin/python -c "import PySide6, sys; print(\"Python\", sys.version.split()[0], \"PySide6\", PySide6.__version__)"
      # a time limit: Python 3.11.2 without the gh-102126 fix hung here at exit, after every test had passed
      exec timeout 900 /opt/build-venv/bin/python -m pytest -q -p no:cacheprovider "$@"
    ' _ "$@"
}
main "$@"
