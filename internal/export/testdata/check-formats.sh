#!/bin/sh
# check-formats.sh installs the format checkers the export tests use when
# they are missing (Debian: raptor2-utils for rapper, libxml2-utils for
# xmllint) and runs the export tests with them required, so that a missing
# tool fails instead of skipping. Run from anywhere; CI runs it as root.
set -eu
cd "$(dirname "$0")/../../.."
missing=""
command -v rapper >/dev/null 2>&1 || missing="$missing raptor2-utils"
command -v xmllint >/dev/null 2>&1 || missing="$missing libxml2-utils"
if [ -n "$missing" ]; then
	sudo=""
	[ "$(id -u)" = 0 ] || sudo="sudo"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
MAKI_REQUIRE_TOOLS=1 go test -count=1 ./internal/export/ "$@"
