#!/usr/bin/env bash
# Install the Debian packages named on the command line that are not installed yet (as root, with apt-get).
# Fast and silent when everything is there already.
set -eu
missing=()
for pkg in "$@"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "请以管理员身份安装这些系统软件包：${missing[*]}" >&2
  echo "(run as root: apt-get install ${missing[*]})" >&2
  exit 0
fi
echo "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
