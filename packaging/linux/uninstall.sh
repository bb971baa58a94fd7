#!/usr/bin/env bash
# 撤销 install.sh 的登记（菜单项、图标、文件关联、命令链接、桌面快捷方式）；程序文件夹本身不动。
# Undoes install.sh for the current user; the program folder itself is left alone.
set -euo pipefail

data=${XDG_DATA_HOME:-$HOME/.local/share}
desktop_file=govreport-gui.desktop
rm -f "$data/applications/$desktop_file" "$data/mime/packages/govreport.xml"
rm -f "$data"/icons/hicolor/*/apps/govreport.png "$data"/icons/hicolor/*/mimetypes/application-x-govreport.png
for cmd in govreport govreport-gui; do
  # only our own links, never a file of the same name that someone else put there
  if [ -L "$HOME/.local/bin/$cmd" ]; then rm -f "$HOME/.local/bin/$cmd"; fi
done
desk=$(command -v xdg-user-dir >/dev/null && xdg-user-dir DESKTOP 2>/dev/null || echo "$HOME/Desktop")
rm -f "$desk/$desktop_file"
command -v update-mime-database >/dev/null && update-mime-database "$data/mime" >/dev/null 2>&1 || true
command -v update-desktop-database >/dev/null && update-desktop-database "$data/applications" >/dev/null 2>&1 || true
echo "已撤销登记。"
