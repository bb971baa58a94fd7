#!/usr/bin/env bash
# 登记本文件夹中的程序（仅当前用户，无需管理员权限）：开始菜单项、图标、.govreport 文件关联，
# 以及 ~/.local/bin 中的 govreport 命令。加 --desktop 时再在桌面放一个快捷方式。
# Registers this folder's programs for the current user: menu entry, icon, the .govreport file type,
# and the govreport command in ~/.local/bin; --desktop also puts a launcher on the desktop.
# Run it again after moving the folder; uninstall.sh removes all of it.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
data=${XDG_DATA_HOME:-$HOME/.local/share}
bin=$HOME/.local/bin
desktop_file=govreport-gui.desktop
on_desktop=0
for arg in "$@"; do
  case "$arg" in
    --desktop) on_desktop=1 ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) echo "install.sh：未知参数“$arg”（可用：--desktop）。" >&2; exit 2 ;;
  esac
done
case "$here" in
  *'"'*|*'`'*|*'$'*|*'\'*|*'%'*)
    echo "install.sh：程序所在的文件夹路径“$here”含有 \" \` \$ \\ % 等字符，无法登记；请换一个文件夹。" >&2
    exit 1 ;;
esac
if [ ! -x "$here/govreport-gui" ]; then
  echo "install.sh：在“$here”中找不到 govreport-gui，请在程序文件夹中运行本脚本。" >&2
  exit 1
fi

mkdir -p "$data/applications" "$data/mime/packages" "$bin"
# the menu entry, pointing at this folder
while IFS= read -r line || [ -n "$line" ]; do
  printf '%s\n' "${line//@APPDIR@/$here}"
done < "$here/share/applications/$desktop_file" > "$data/applications/$desktop_file"
chmod 644 "$data/applications/$desktop_file"
# the file type and the icons (the application's, and the same picture for its files)
cp "$here/share/mime/packages/govreport.xml" "$data/mime/packages/govreport.xml"
for dir in "$here"/share/icons/hicolor/*/apps; do
  size=$(basename "$(dirname "$dir")")
  mkdir -p "$data/icons/hicolor/$size/apps" "$data/icons/hicolor/$size/mimetypes"
  cp "$dir/govreport.png" "$data/icons/hicolor/$size/apps/govreport.png"
  cp "$dir/govreport.png" "$data/icons/hicolor/$size/mimetypes/application-x-govreport.png"
done
# the commands
ln -sfn "$here/govreport" "$bin/govreport"
ln -sfn "$here/govreport-gui" "$bin/govreport-gui"

# tell the desktop (each tool is optional: a missing one only delays the change until the next login)
command -v update-mime-database >/dev/null && update-mime-database "$data/mime" >/dev/null 2>&1 || true
command -v update-desktop-database >/dev/null && update-desktop-database "$data/applications" >/dev/null 2>&1 || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t -f "$data/icons/hicolor" >/dev/null 2>&1 || true
command -v xdg-mime >/dev/null && xdg-mime default "$desktop_file" application/x-govreport >/dev/null 2>&1 || true

if [ "$on_desktop" = 1 ]; then
  desk=$(command -v xdg-user-dir >/dev/null && xdg-user-dir DESKTOP 2>/dev/null || echo "$HOME/Desktop")
  mkdir -p "$desk"
  cp "$data/applications/$desktop_file" "$desk/$desktop_file"
  chmod 755 "$desk/$desktop_file"
  command -v gio >/dev/null && gio set "$desk/$desktop_file" metadata::trusted true >/dev/null 2>&1 || true
  echo "已在桌面放置快捷方式：$desk/$desktop_file"
fi
echo "已登记：$here"
echo "  开始菜单：$data/applications/$desktop_file"
echo "  文件关联：*.govreport → govreport-gui"
echo "  命令：$bin/govreport"
