#!/usr/bin/env bash
# Regenerates the PNG screenshots in screenshots/ from the real release binary.
#
#   scripts/screenshots.sh                      # builds with cargo, then shoots
#   DETENTE_BIN=path/to/detente scripts/screenshots.sh   # uses that binary
#
# How it works: detente runs in a private tmux server (its own socket, no
# config) sized 140x42; the script types keys with `send-keys`, waits until
# the screen shows the text it expects, and captures the pane with its colours
# (`capture-pane -e`). A small Perl filter turns each capture into HTML, and
# headless Chromium renders that HTML to a PNG in DejaVu Sans Mono.
#
# Needs (installed with apt-get when missing): tmux, chromium and
# fonts-dejavu-core; perl is part of every Debian system.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

OUT=screenshots
COLS=140           # terminal size, in cells
ROWS=42
CELL_W=9           # one terminal cell in the PNGs, in pixels: whole pixels
CELL_H=18          # keep every border on the same pixel column and row
PAD_PX=8           # margin around the terminal
TIMEOUT_S=15       # how long to wait for an expected screen

# ---------------------------------------------------------------------------
# Tools: install what is missing (Debian/Ubuntu).

source scripts/common.sh
missing=()
command -v tmux >/dev/null || missing+=(tmux)
command -v chromium >/dev/null || missing+=(chromium)
has_font 'DejaVu Sans Mono' || missing+=(fonts-dejavu-core)
install_missing "${missing[@]}"

# ---------------------------------------------------------------------------
# The binary.

find_binary

# ---------------------------------------------------------------------------
# A private tmux server and a temp dir, both gone on exit.

SOCKET=detente-shots
WORK=$(mktemp -d)
tmx() { tmux -L "$SOCKET" -f /dev/null "$@"; }
cleanup() {
    tmx kill-server 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT
tmx kill-server 2>/dev/null || true   # a server left by an interrupted run

# start_detente [VAR=value...]: runs detente in a new session `shots`, with
# the given environment (and NO_COLOR unset unless given), and waits for its
# first screen. `remain-on-exit` keeps the pane if detente dies, so that
# wait_for can show what it printed.
start_detente() {
    tmx start-server \; set-option -g remain-on-exit on \; \
        new-session -d -s shots -x "$COLS" -y "$ROWS" -c "$WORK" \
        env -u NO_COLOR TERM=xterm-256color "$@" "$BIN" ${MODEL_ARGS:-}
    wait_for ' detente '
}

# stop_detente: quits with `q` and waits for detente to exit.
stop_detente() {
    keys q
    local deadline=$((SECONDS + TIMEOUT_S))
    until [[ $(tmx display-message -p -t shots '#{pane_dead}') == 1 ]]; do
        ((SECONDS < deadline)) || { echo "detente did not quit on q" >&2; exit 1; }
        sleep 0.05
    done
    tmx kill-session -t shots
}

# keys KEY...: presses keys (tmux key names: j, Enter, Escape, ...). Each is
# followed by a short pause: a lone Escape followed at once by another key
# would read as Alt-key.
keys() {
    local k
    for k in "$@"; do
        tmx send-keys -t shots "$k"
        sleep 0.1
    done
}

# type_text TEXT: types TEXT literally.
type_text() { tmx send-keys -t shots -l "$1"; }

# wait_for TEXT: waits until the screen shows TEXT; fails with the screen.
wait_for() {
    local deadline=$((SECONDS + TIMEOUT_S)) screen
    while :; do
        screen=$(tmx capture-pane -p -t shots) || true
        [[ $screen == *"$1"* ]] && return 0
        if ((SECONDS >= deadline)) ||
            [[ $(tmx display-message -p -t shots '#{pane_dead}') == 1 ]]; then
            printf 'never saw %q; the screen was:\n%s\n' "$1" "$screen" >&2
            exit 1
        fi
        sleep 0.05
    done
}

# ---------------------------------------------------------------------------
# Rendering: ANSI capture -> HTML (ansi_to_html below) -> PNG (Chromium).
#
# Why not `aha`: aha 0.5.1 drops reverse video when SGR 39/49 follows it, and
# tmux emits exactly that, so every selected row would lose its highlight.
# A small converter also lets us use a readable terminal palette.

# Terminal colours (close to VS Code's dark terminal): default foreground and
# background, then ANSI colours 0-15.
FG='#d4d4d4'
BG='#1e1e1e'
PALETTE='#000000 #cd3131 #0dbc79 #e5e510 #2472c8 #bc3fbc #11a8cd #e5e5e5
         #666666 #f14c4c #23d18b #f5f543 #3b8eea #d670d6 #29b8db #ffffff'

# ansi_to_html < capture > fragment: turns `capture-pane -e` output (text
# and SGR sequences) into HTML spans for a <pre>. Handles bold, dim, italic,
# underline, reverse, strike-through, 16/256/RGB colours.
ansi_to_html() {
    FG=$FG BG=$BG PALETTE=$PALETTE perl -e '
        use strict; use warnings;
        my @pal = split " ", $ENV{PALETTE};
        my ($FG, $BG) = ($ENV{FG}, $ENV{BG});
        sub rgb { sprintf "#%02x%02x%02x", @_ }
        sub c256 {                       # xterm 256-colour index -> #rrggbb
            my $n = shift;
            return $pal[$n] if $n < 16;
            if ($n < 232) {
                $n -= 16;
                return rgb(map { $_ ? 55 + 40 * $_ : 0 } int($n / 36), int($n / 6) % 6, $n % 6);
            }
            return rgb((8 + 10 * ($n - 232)) x 3);
        }
        sub mix {                        # dim: the colour 60% of the way from bg
            my ($x, $y) = map { [map { hex } /#(..)(..)(..)/] } @_;
            rgb(map { 0.6 * $x->[$_] + 0.4 * $y->[$_] } 0 .. 2);
        }
        my %s;                           # the current SGR state
        sub sgr {
            my @p = split /[;:]/, shift, -1;
            @p = (0) unless @p;
            while (@p) {
                my $c = shift(@p) || 0;
                if    ($c == 0)  { %s = () }
                elsif ($c == 1)  { $s{bold} = 1 }
                elsif ($c == 2)  { $s{dim} = 1 }
                elsif ($c == 3)  { $s{italic} = 1 }
                elsif ($c == 4)  { $s{under} = 1 }
                elsif ($c == 7)  { $s{rev} = 1 }
                elsif ($c == 9)  { $s{strike} = 1 }
                elsif ($c == 22) { delete @s{qw(bold dim)} }
                elsif ($c == 23) { delete $s{italic} }
                elsif ($c == 24) { delete $s{under} }
                elsif ($c == 27) { delete $s{rev} }
                elsif ($c == 29) { delete $s{strike} }
                elsif ($c >= 30 && $c <= 37)   { $s{fg} = $pal[$c - 30] }
                elsif ($c >= 90 && $c <= 97)   { $s{fg} = $pal[$c - 82] }
                elsif ($c >= 40 && $c <= 47)   { $s{bg} = $pal[$c - 40] }
                elsif ($c >= 100 && $c <= 107) { $s{bg} = $pal[$c - 92] }
                elsif ($c == 39) { delete $s{fg} }
                elsif ($c == 49) { delete $s{bg} }
                elsif ($c == 38 || $c == 48) {
                    my $k = $c == 38 ? "fg" : "bg";
                    my $mode = shift(@p) // "";
                    if    ($mode eq "5") { $s{$k} = c256(shift(@p) || 0) }
                    elsif ($mode eq "2") { $s{$k} = rgb(map { shift(@p) || 0 } 1 .. 3) }
                }
            }
        }
        sub style {
            my ($fg, $bg) = ($s{fg} // $FG, $s{bg} // $BG);
            ($fg, $bg) = ($bg, $fg) if $s{rev};
            $fg = mix($fg, $bg) if $s{dim};
            my @css;
            push @css, "color:$fg" if $fg ne $FG;
            push @css, "background:$bg" if $bg ne $BG;
            push @css, "font-weight:bold" if $s{bold};
            push @css, "font-style:italic" if $s{italic};
            my @deco = ($s{under} ? "underline" : (), $s{strike} ? "line-through" : ());
            push @css, "text-decoration:@deco" if @deco;
            join ";", @css;
        }
        while (my $line = <STDIN>) {
            chomp $line;
            my $open = "";               # the style of the open <span>, if any
            for my $part (split /(\e\[[0-9;:]*m)/, $line) {
                if ($part =~ /^\e\[([0-9;:]*)m$/) { sgr($1); next }
                $part =~ s/\e\[[0-9;?]*[A-Za-z]//g;    # any other escape
                next if $part eq "";
                $part =~ s/&/&amp;/g; $part =~ s/</&lt;/g; $part =~ s/>/&gt;/g;
                my $style = style();
                if ($style ne $open) {
                    print "</span>" if $open ne "";
                    print qq(<span style="$style">) if $style ne "";
                    $open = $style;
                }
                print $part;
            }
            print "</span>" if $open ne "";
            print "\n";
        }'
}

# The font size that makes DejaVu Sans Mono's advance (1233/2048 em) exactly
# CELL_W pixels, and the page that holds the terminal and its margin exactly.
FONT_PX=$(awk -v w="$CELL_W" 'BEGIN { printf "%.4f", w * 2048 / 1233 }')
WIDTH_PX=$((COLS * CELL_W + 2 * PAD_PX))
HEIGHT_PX=$((ROWS * CELL_H + 2 * PAD_PX))

# Each span is a block of whole cells, so that backgrounds on adjacent rows
# meet.
CSS="body { margin: 0; background: $BG; color: $FG; }
pre { font-family: 'DejaVu Sans Mono', monospace; font-size: ${FONT_PX}px;
      line-height: ${CELL_H}px; margin: 0; padding: ${PAD_PX}px; }
span { display: inline-block; height: ${CELL_H}px; vertical-align: top; }"

# shoot NAME: captures the pane with colours and writes $OUT/NAME.png.
shoot() {
    local name=$1 ansi=$WORK/$1.ans html=$WORK/$1.html prev=
    # tmux may be half-way through a frame: capture until two agree.
    tmx capture-pane -e -p -t shots >"$ansi"
    until [[ $(<"$ansi") == "$prev" ]]; do
        prev=$(<"$ansi")
        sleep 0.1
        tmx capture-pane -e -p -t shots >"$ansi"
    done
    {
        printf '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        printf '<title>detente: %s</title><style>%s</style></head>\n' "$name" "$CSS"
        printf '<body><pre>'
        ansi_to_html <"$ansi"
        printf '</pre></body></html>\n'
    } >"$html"
    chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$WORK/chromium-profile" --hide-scrollbars \
        --window-size="$WIDTH_PX,$HEIGHT_PX" --screenshot="$PWD/$OUT/$name.png" \
        "file://$html" >/dev/null 2>&1 ||
        { echo "chromium failed on $html" >&2; exit 1; }
    echo "$OUT/$name.png"
}

# ---------------------------------------------------------------------------
# The screens. detente starts on the built-in model, Russia vs United States,
# in the Compare view.

mkdir -p "$OUT"

start_detente
# Row 1: NATO non-expansion, the red-line conflict at the centre of the
# talks, the US side known from what others report (ʳ).
wait_for 'Issue 1/20 · NATO non-expansion'
shoot compare

keys m
wait_for 'Matrix · actors'
shoot matrix

keys c g j j j Enter               # "Ukraine in NATO", several actors
wait_for 'Issue 4/20:'
shoot issue

keys Escape                        # back to Compare
wait_for 'Issues 20'
type_text /
wait_for 'Jump to an actor'
type_text lav
wait_for 'alias Lavrov'
shoot picker

keys Escape '?'
wait_for 'Every view'
shoot help
keys Escape
wait_for 'Issues 20'

keys a                             # cruxes, trades, who stands closest
wait_for 'Mearsheimer'
shoot analysis
keys Escape
stop_detente

# A numeric model: the Issue view draws the scale, every actor on it, and
# the forecasts against the outcome.
MODEL_ARGS="$PWD/data/climate-2015-illustrative.yaml --left usa --right aosis" start_detente
keys Enter
wait_for 'scale 0..100'
shoot issue-numeric
# The Timeline: the exchange model simulated, positions over the rounds,
# then three rounds on.
keys t
wait_for 'round 0 of 10'
keys . . .
wait_for 'round 3 of 10'
shoot timeline
stop_detente

# The same Compare screen without colour (https://no-color.org).
start_detente NO_COLOR=1
keys j j j j
wait_for 'Issue 5/20 · Arms for Ukraine'
shoot compare-no-color
stop_detente
