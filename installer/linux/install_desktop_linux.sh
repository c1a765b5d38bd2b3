#!/bin/sh
# Install the built BeratungsDesk for the current user (no root needed):
#   program  -> ~/.local/lib/beratungsdesk/      (a copy of the one-folder build)
#   command  -> ~/.local/bin/beratungsdesk       (symbolic link)
#   menu     -> ~/.local/share/applications/beratungsdesk.desktop
#   icons    -> ~/.local/share/icons/hicolor/<size>/apps/beratungsdesk.png
#   file type-> ~/.local/share/mime/packages/beratungsdesk.xml (*.bdsk opens in BeratungsDesk)
#
#   ./install_desktop_linux.sh [BUILD_FOLDER]     # default: the folder of this script,
#                                                 # or dist/BeratungsDesk of the checkout
#   ./install_desktop_linux.sh --uninstall        # removes all of the above; never the data
#
# The data (the encrypted store) lives in ~/.local/share/beratungsdesk and is not touched.
set -eu

DATA_HOME=${XDG_DATA_HOME:-$HOME/.local/share}
PROGRAM_DIR=$HOME/.local/lib/beratungsdesk
BIN_LINK=$HOME/.local/bin/beratungsdesk
DESKTOP_FILE=$DATA_HOME/applications/beratungsdesk.desktop
MIME_FILE=$DATA_HOME/mime/packages/beratungsdesk.xml
MIME_TYPE=application/x-beratungsdesk-bundle
SIZES="16 24 32 48 64 128 256"
HERE=$(cd "$(dirname "$0")" && pwd)

refresh_caches() {
    # Each tool is optional: desktops without it pick the files up at the next login.
    if command -v update-mime-database >/dev/null 2>&1; then
        update-mime-database "$DATA_HOME/mime" >/dev/null 2>&1 || true
    fi
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database "$DATA_HOME/applications" >/dev/null 2>&1 || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q -t "$DATA_HOME/icons/hicolor" >/dev/null 2>&1 || true
    fi
}

uninstall() {
    rm -rf "$PROGRAM_DIR"
    rm -f "$BIN_LINK" "$DESKTOP_FILE" "$MIME_FILE"
    for size in $SIZES; do
        rm -f "$DATA_HOME/icons/hicolor/${size}x${size}/apps/beratungsdesk.png" \
              "$DATA_HOME/icons/hicolor/${size}x${size}/mimetypes/application-x-beratungsdesk-bundle.png"
    done
    refresh_caches
    echo "BeratungsDesk removed (the data in $DATA_HOME/beratungsdesk was left as it is)."
}

if [ "${1:-}" = "--uninstall" ]; then
    uninstall
    exit 0
fi

if [ $# -ge 1 ]; then
    BUILD=$(cd "$1" && pwd)
elif [ -x "$HERE/BeratungsDesk" ]; then
    BUILD=$HERE
else
    BUILD=$(cd "$HERE/../.." && pwd)/dist/BeratungsDesk
fi
if [ ! -x "$BUILD/BeratungsDesk" ]; then
    echo "install_desktop_linux.sh: no built program in $BUILD (run: python3 dev.py build)" >&2
    exit 1
fi

# Copy first into a temporary folder, then swap: an interrupted install leaves the old one.
mkdir -p "$(dirname "$PROGRAM_DIR")" "$(dirname "$BIN_LINK")"
rm -rf "$PROGRAM_DIR.new"
cp -R "$BUILD" "$PROGRAM_DIR.new"
rm -rf "$PROGRAM_DIR"
mv "$PROGRAM_DIR.new" "$PROGRAM_DIR"
ln -sf "$PROGRAM_DIR/BeratungsDesk" "$BIN_LINK"

ICON_SOURCE=$PROGRAM_DIR/_internal/resources/icons/app
[ -d "$ICON_SOURCE" ] || ICON_SOURCE=$HERE/../../resources/icons/app
for size in $SIZES; do
    for kind in apps mimetypes; do
        mkdir -p "$DATA_HOME/icons/hicolor/${size}x${size}/$kind"
    done
    cp "$ICON_SOURCE/app-$size.png" "$DATA_HOME/icons/hicolor/${size}x${size}/apps/beratungsdesk.png"
    cp "$ICON_SOURCE/app-$size.png" \
       "$DATA_HOME/icons/hicolor/${size}x${size}/mimetypes/application-x-beratungsdesk-bundle.png"
done

SOURCE_FILES=$HERE
[ -f "$SOURCE_FILES/beratungsdesk.desktop" ] || SOURCE_FILES=$PROGRAM_DIR
mkdir -p "$(dirname "$DESKTOP_FILE")" "$(dirname "$MIME_FILE")"
sed "s|@EXEC@|$PROGRAM_DIR/BeratungsDesk|g" "$SOURCE_FILES/beratungsdesk.desktop" > "$DESKTOP_FILE"
cp "$SOURCE_FILES/beratungsdesk-mime.xml" "$MIME_FILE"
refresh_caches
if command -v xdg-mime >/dev/null 2>&1; then
    xdg-mime default beratungsdesk.desktop "$MIME_TYPE" >/dev/null 2>&1 || true
fi
echo "BeratungsDesk $("$PROGRAM_DIR/beratungsdesk-cli" --version 2>/dev/null | cut -d' ' -f2) installed in $PROGRAM_DIR"
echo "Start it from the menu or with: $BIN_LINK   (check it with: $PROGRAM_DIR/beratungsdesk-cli --self-test)"
