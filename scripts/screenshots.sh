#!/bin/bash
# Saves one screenshot per tab of the Visage window into docs/tab-NAME.png.
#
# It builds bin/visage, starts Xvfb on a free display unless DISPLAY is
# set, and runs "visage -demo", which trains a short run, selects a face
# and shows each tab in turn, printing "tab NAME" once a tab is drawn.
# Each tab is captured with xwd and converted to PNG with ImageMagick.
# Needs: xvfb, x11-apps (xwd), imagemagick and xdotool; "make screenshots"
# installs them. Settings are read from and saved to a temporary folder,
# so the shots show the defaults and your own settings stay as they are.
set -euo pipefail

cd "$(dirname "$0")/.."
export GOEXPERIMENT=simd
go build -o bin/visage ./cmd/visage

work=$(mktemp -d)
xvfb_pid=
app_pid=
cleanup() {
	for pid in $app_pid $xvfb_pid; do
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
	rm -rf "$work"
}
trap cleanup EXIT INT TERM

if [ -z "${DISPLAY:-}" ]; then
	n=90
	while [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ]; do
		n=$((n + 1))
	done
	Xvfb ":$n" -screen 0 1366x768x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
	xvfb_pid=$!
	export DISPLAY=":$n"
	tries=0
	until xdotool getdisplaygeometry >/dev/null 2>&1; do
		tries=$((tries + 1))
		if [ "$tries" -gt 50 ]; then
			echo "Xvfb did not start on $DISPLAY; see its output:" >&2
			cat "$work/xvfb.log" >&2
			exit 1
		fi
		sleep 0.1
	done
fi

mkfifo "$work/out"
XDG_CONFIG_HOME="$work/config" ./bin/visage -demo >"$work/out" 2>"$work/visage.log" &
app_pid=$!
exec 3<"$work/out"

mkdir -p docs
count=0
# Each tab stays on screen for 2 seconds, so 60 seconds without a line
# means the app has ended or hangs.
while :; do
	if ! read -r -t 60 kind name <&3; then
		echo "visage ended or hung before showing every tab; its output:" >&2
		cat "$work/visage.log" >&2
		exit 1
	fi
	case $kind in
	tab)
		sleep 0.5 # let the window paint the tab
		slug=$(printf '%s' "$name" | tr 'A-Z' 'a-z' | sed 's/[^a-z0-9][^a-z0-9]*/-/g; s/^-//; s/-$//')
		win=$(xdotool search --name '^Visage$' | head -n 1)
		xwd -silent -id "$win" | convert xwd:- "docs/tab-$slug.png"
		echo "docs/tab-$slug.png"
		count=$((count + 1))
		;;
	done)
		break
		;;
	esac
done
echo "Saved $count screenshots."
