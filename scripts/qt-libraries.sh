# Sourced by scripts/app after bootstrap.sh: make sure Qt's X11 (xcb) platform plugin can load.
# PySide6's wheels bring Qt but not the X11 helper libraries it links to; on a fresh Debian or
# Ubuntu the app would abort with a message naming only libxcb-cursor0. The list comes from
# the plugin itself (`ldd`), plus libxcb-cursor, which Qt opens at run time rather than links.

# A shared library's Debian package: its name lowercased, the version appended (after a dash
# when the name ends in a digit): libxcb-icccm.so.4 -> libxcb-icccm4, libX11-xcb.so.1 ->
# libx11-xcb1, libxkbcommon-x11.so.0 -> libxkbcommon-x11-0 (Debian policy 8.1).
debian_package_of() {
    local soname="$1" base version
    base="${soname%%.so.*}"
    version="${soname##*.so.}"
    version="${version%%.*}"
    base="$(printf '%s' "$base" | tr '[:upper:]' '[:lower:]')"
    case "$base" in
        *[0-9]) printf '%s-%s\n' "$base" "$version" ;;
        *) printf '%s%s\n' "$base" "$version" ;;
    esac
}

missing_qt_libraries() {
    local qt plugin sonames
    qt="$(python -c 'import os, PySide6; print(os.path.dirname(PySide6.__file__))')/Qt"
    plugin="$qt/plugins/platforms/libqxcb.so"
    [ -f "$plugin" ] || return 0
    sonames="$(LD_LIBRARY_PATH="$qt/lib" ldd "$plugin" "$qt/lib/libQt6XcbQpa.so.6" 2>/dev/null \
        | awk '/=> not found/ {print $1}')"
    if ! ldconfig -p 2>/dev/null | grep -q 'libxcb-cursor\.so\.0 '; then
        sonames="$sonames libxcb-cursor.so.0"
    fi
    for soname in $sonames; do debian_package_of "$soname"; done | sort -u
}

install_qt_libraries() {
    local missing
    missing="$(missing_qt_libraries | tr '\n' ' ')"
    missing="${missing% }"
    [ -z "$missing" ] && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        say "installing the libraries Qt needs to open windows: $missing"
        apt-get update -qq >/dev/null
        # shellcheck disable=SC2086  # one argument per package
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
    else
        say "Qt cannot open a window until these system libraries are installed:"
        say "    sudo apt-get install $missing"
    fi
}
