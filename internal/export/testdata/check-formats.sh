#!/bin/sh
# check-formats.sh checks the open-data exports with real parsers:
#  1. installs the format checkers the export tests use when they are
#     missing (Debian: raptor2-utils for rapper, libxml2-utils for xmllint)
#     and runs the export tests with them required, so that a missing tool
#     fails instead of skipping;
#  2. when node and npm are there, validates the JSON exports of the example
#     content against register.schema.json with Ajv (JSON Schema 2020-12).
# Run from anywhere; CI runs it as root.
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

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	echo "check-formats: node or npm missing; skipping the Ajv check of register.json"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mods="${MAKI_NODE_MODULES:-$HOME/.cache/maki-ajv}"
if [ ! -d "$mods/node_modules/ajv" ] || [ ! -d "$mods/node_modules/ajv-formats" ]; then
	mkdir -p "$mods"
	npm install --silent --no-audit --no-fund --prefix "$mods" ajv@8 ajv-formats@3 >/dev/null
fi
go build -o "$tmp/maki" ./cmd/maki
"$tmp/maki" build --quiet --out "$tmp/public"
NODE_PATH="$mods/node_modules" node internal/export/testdata/ajv-check.js \
	internal/export/register.schema.json "$tmp/public/daten/register.json" "$tmp"/public/daten/systeme/*.json
