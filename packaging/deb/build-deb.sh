#!/usr/bin/env bash
# Builds the .deb for UOS / Kylin (and any Debian-based desktop) from a one-folder build (make package's dist/govreport).
#
#   packaging/deb/build-deb.sh [FOLDER] [OUT_DIR]      -> prints the .deb's path
#
# Layout (the UOS application layout, which Kylin accepts too):
#   /opt/apps/$APP_ID/info                      what the UOS app store reads (id, name, version, arch, permissions)
#   /opt/apps/$APP_ID/files/                    the folder: govreport-gui, govreport, _internal/, licenses/, …
#   /opt/apps/$APP_ID/entries/applications/     the .desktop entry (opens .govreport files)
#   /opt/apps/$APP_ID/entries/mime/packages/    the .govreport MIME type
#   /opt/apps/$APP_ID/entries/icons/hicolor/    icons 16–256 px and a scalable SVG (apps and mimetypes)
# and the same entries visible to the desktop as symbolic links under /usr/share (applications, mime, icons), the
# commands as links in /usr/bin.  No maintainer script: dpkg's triggers of shared-mime-info, desktop-file-utils and
# hicolor-icon-theme refresh the caches on install and removal, and nothing needs the network.  Everything installed
# is in the package's file list, so `dpkg -r` removes all of it.
set -euo pipefail
cd "$(dirname "$0")/../.."
DIST=${1:-dist/govreport}
OUT=${2:-dist}
APP_ID=${APP_ID:-cn.govreport.govreport}
ARCH=${DEB_ARCH:-$(dpkg --print-architecture)}
MAINTAINER=${DEB_MAINTAINER:-govreport <govreport@localhost>}
# What the folder leaves to the system (glibc_needed.py's SYSTEM_PROVIDED; packaging/compat/test-root.sh installs
# these in its bare Debian 11): everything else, Python and Qt included, is inside the folder.  Wayland's libraries
# serve only the Wayland platform plugin (xcb is the default): recommended, not required.
DEPENDS="libc6 (>= 2.28), libgl1, libegl1, libxcb1, libpng16-16, libsystemd0, fontconfig-config"
RECOMMENDS="libwayland-client0, libwayland-cursor0, libwayland-egl1"

[ -x "$DIST/govreport" ] && [ -x "$DIST/govreport-gui" ] || { echo "build-deb.sh: no built folder at $DIST (make package)" >&2; exit 1; }
VERSION=$("$DIST/govreport" --version | awk '{print $2}')  # the program's own version: pyproject's
[ -n "$VERSION" ] || { echo "build-deb.sh: $DIST/govreport --version printed nothing" >&2; exit 1; }

STAGE=$(mktemp -d "${TMPDIR:-/tmp}/govreport-deb.XXXXXX")
trap 'rm -rf "$STAGE"' EXIT
APP=/opt/apps/$APP_ID
R=$STAGE$APP
mkdir -p "$R/files" "$R/entries/applications" "$R/entries/mime/packages"
cp -a "$DIST/." "$R/files/"
rm -rf "$R/files/install.sh" "$R/files/uninstall.sh" "$R/files/share"  # per-user registration: the package does it

# the desktop entry, the MIME type and the icons, named by the app id
sed -e "s|@APPDIR@|$APP/files|g" -e "s|^Icon=.*|Icon=$APP_ID|" packaging/linux/share/applications/govreport-gui.desktop \
  >"$R/entries/applications/$APP_ID.desktop"
sed -e "s|<icon name=\"govreport\"/>|<icon name=\"$APP_ID\"/>|" packaging/linux/share/mime/packages/govreport.xml \
  >"$R/entries/mime/packages/$APP_ID.xml"
icons=$R/entries/icons/hicolor
for png in packaging/icons/govreport-*.png packaging/icons/govreport.png; do
  px=$(basename "$png" .png); px=${px#govreport-}; [ "$px" = govreport ] && px=256
  for context in apps mimetypes; do
    name=$APP_ID; [ "$context" = mimetypes ] && name=application-x-govreport
    install -D -m 644 "$png" "$icons/${px}x${px}/$context/$name.png"
  done
done
install -D -m 644 packaging/icons/govreport.svg "$icons/scalable/apps/$APP_ID.svg"
install -D -m 644 packaging/icons/govreport.svg "$icons/scalable/mimetypes/application-x-govreport.svg"

# the UOS store's info file
cat >"$R/info" <<INFO
{
  "appid": "$APP_ID",
  "name": "政府信息公开工作年度报告",
  "version": "$VERSION",
  "arch": ["$ARCH"],
  "permissions": {
    "autostart": false, "notification": false, "trayicon": false, "clipboard": true, "account": false,
    "bluetooth": false, "camera": false, "audio_record": false, "installed_apps": false
  }
}
INFO

# visible to the desktop: links under /usr/share and /usr/bin into /opt/apps
link() { mkdir -p "$STAGE$(dirname "$2")"; ln -s "$1" "$STAGE$2"; }
link "$APP/entries/applications/$APP_ID.desktop" "/usr/share/applications/$APP_ID.desktop"
link "$APP/entries/mime/packages/$APP_ID.xml" "/usr/share/mime/packages/$APP_ID.xml"
(cd "$icons" && find . -type f | sed 's|^\./||') | while read -r icon; do
  link "$APP/entries/icons/hicolor/$icon" "/usr/share/icons/hicolor/$icon"
done
link "$APP/files/govreport" /usr/bin/govreport
link "$APP/files/govreport-gui" /usr/bin/govreport-gui
mkdir -p "$STAGE/usr/share/doc/$APP_ID"
{ echo "govreport $VERSION: the code is under the MIT licence:"; echo; cat LICENSE; echo
  echo "The bundled fonts and libraries keep their own licences: $APP/files/licenses/ and"
  echo "$APP/files/_internal/govreport_gui/resources/fonts/ (packaging/README.md, \"Licences\")."
} >"$STAGE/usr/share/doc/$APP_ID/copyright"

# modes as a package has them: nothing writable but by root, everything readable
chmod -R u+w,go-w,a+rX "$STAGE"
mkdir -p "$STAGE/DEBIAN"
cat >"$STAGE/DEBIAN/control" <<CONTROL
Package: $APP_ID
Version: $VERSION
Architecture: $ARCH
Maintainer: $MAINTAINER
Installed-Size: $(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)
Depends: $DEPENDS
Recommends: $RECOMMENDS
Section: office
Priority: optional
Description: 政府信息公开工作年度报告：填报、检查、导出与打印
 Fill in, check (勾稽关系), save, export (Excel, PDF, Word) and print the annual
 report on government information disclosure (政府信息公开工作年度报告, 2021 format),
 offline.  Includes the govreport command line.
CONTROL
mkdir -p "$OUT"
deb="$OUT/${APP_ID}_${VERSION}_${ARCH}.deb"
dpkg-deb --root-owner-group -Z"${DEB_COMPRESS:-xz}" --build "$STAGE" "$deb" >/dev/null
echo "$deb"
