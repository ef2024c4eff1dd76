# Sourced by scripts/screenshots.sh and scripts/report.sh: installs what they
# need and finds the binary.

# install_missing PKG...: the Debian packages given, with apt-get, as root
# or through sudo; nothing when the list is empty.
install_missing() {
    (($#)) || return 0
    echo "installing $*" >&2
    local sudo=()
    [[ $(id -u) -eq 0 ]] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" \
        apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# has_font NAME: fontconfig knows the font. (No `grep -q`: with pipefail,
# fc-list killed by SIGPIPE would fail the test.)
has_font() {
    command -v fc-list >/dev/null && fc-list | grep -i "$1" >/dev/null
}

# find_binary: sets BIN to $DETENTE_BIN, or to a fresh release build.
find_binary() {
    if [[ -n ${DETENTE_BIN:-} ]]; then
        BIN=$(realpath "$DETENTE_BIN")
    else
        cargo build --release --quiet
        BIN=${CARGO_TARGET_DIR:-$PWD/target}/release/detente
    fi
    [[ -x $BIN ]] || { echo "not an executable: $BIN" >&2; exit 1; }
}
