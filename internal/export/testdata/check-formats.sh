#!/bin/sh
# check-formats.sh checks the open-data exports with real parsers:
#  1. installs the format checkers the export tests use when they are
#     missing (Debian: raptor2-utils for rapper, libxml2-utils for xmllint)
#     and runs the export tests with them required, so that a missing tool
#     fails instead of skipping;
#  2. validates catalog.rdf with a real SHACL engine (shacl-check.sh:
#     Apache Jena, installed when missing) against the SEMIC DCAT-AP 3.0.1
#     shapes with ranges and GovData's DCAT-AP.de 3.0 shapes: the example
#     content as it is (federal coverage, no contributor id), and two
#     variants with a contributor id and the coverage of a Land and of a
#     Kommune; the variants also against GovData's MQA dashboard shapes,
#     which must refuse the example content for its missing contributor id;
#  3. checks publiccode.yml with the official parser
#     (italia/publiccode-parser-go, pinned in testdata/publiccode/go.mod,
#     built from the Go module proxy); any error or warning fails;
#  4. checks register.xlsx with openpyxl (Debian's python3-openpyxl,
#     installed when missing): the xlsx package's round trips both ways
#     (TestOpenpyxl, required here) and the built register.xlsx cell for
#     cell against register.csv (xlsx-check.py);
#  5. when node and npm are there, validates the JSON exports of the example
#     content against register.schema.json with Ajv (JSON Schema 2020-12),
#     eurocities.json against the Algorithmic Transparency Standard 0.3.1
#     (eurocities/ats-check.js: only required attributes maki does not
#     record may be missing), and the published entry and organisation
#     schemas (draft-07) against every validate scenario and the example
#     content (internal/schema).
# MAKI_SKIP_XLSX=1 skips step 4 (and its install).
# Run from anywhere; CI runs it as root.
set -eu
cd "$(dirname "$0")/../../.."
missing=""
command -v rapper >/dev/null 2>&1 || missing="$missing raptor2-utils"
command -v xmllint >/dev/null 2>&1 || missing="$missing libxml2-utils"
# openpyxl for the Python that the tests find first (python3, else Debian's).
openpyxl() { python3 -c 'import openpyxl' 2>/dev/null || /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; }
if [ "${MAKI_SKIP_XLSX:-}" != 1 ] && ! openpyxl; then missing="$missing python3-openpyxl"; fi
if [ -n "$missing" ]; then
	sudo=""
	[ "$(id -u)" = 0 ] || sudo="sudo"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
MAKI_REQUIRE_TOOLS=1 go test -count=1 ./internal/export/ "$@"
if [ "${MAKI_SKIP_XLSX:-}" != 1 ]; then
	MAKI_REQUIRE_TOOLS=1 go test -count=1 -run Openpyxl ./internal/xlsx/
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/maki" ./cmd/maki
"$tmp/maki" build --quiet --out "$tmp/public"
for v in land kommune; do
	mkdir -p "$tmp/$v"
	cp -R content "$tmp/$v/content"
	case $v in
	land) cov='{level: land, state: DE-NW}' ;;
	kommune) cov='{level: kommune, state: DE-NW, ags: "05315000"}' ;;
	esac
	printf 'contributor_id: http://dcat-ap.de/def/contributors/openNRW\ncoverage: %s\n' "$cov" >>"$tmp/$v/content/site.yaml"
	"$tmp/maki" build --quiet --content "$tmp/$v/content" --out "$tmp/$v/public"
done
SHACL_PROFILES="semic de" sh internal/export/testdata/shacl-check.sh "$tmp/public/daten/catalog.rdf"
sh internal/export/testdata/shacl-check.sh "$tmp/land/public/daten/catalog.rdf" "$tmp/kommune/public/daten/catalog.rdf"
# The example content names no contributor_id (its operator is fictional),
# so GovData's MQA must refuse it for exactly that, and for nothing else.
if out=$(SHACL_PROFILES=mqa sh internal/export/testdata/shacl-check.sh "$tmp/public/daten/catalog.rdf" 2>&1); then
	echo "$out"
	echo "check-formats: GovData MQA accepted a catalogue without contributor id"
	exit 1
fi
if [ "$(printf '%s\n' "$out" | grep -c '"fail"')" != 1 ] || ! printf '%s\n' "$out" | grep -q '^"no_correct_contributorID"'; then
	echo "$out"
	echo "check-formats: GovData MQA: want exactly no_correct_contributorID for the example content"
	exit 1
fi
echo "check-formats: GovData MQA refuses the example content (no contributor_id) with no_correct_contributorID only, as it should"

if [ "${MAKI_SKIP_XLSX:-}" != 1 ]; then
	py=python3
	python3 -c 'import openpyxl' 2>/dev/null || py=/usr/bin/python3
	"$py" internal/export/testdata/xlsx-check.py "$tmp/public/daten/register.xlsx" "$tmp/public/daten/register.csv"
fi

(cd internal/export/testdata/publiccode && go build -o "$tmp/publiccode-parser" github.com/italia/publiccode-parser-go/v5/publiccode-parser)
out=$("$tmp/publiccode-parser" -no-network publiccode.yml 2>&1) || { echo "$out"; exit 1; }
if [ -n "$out" ]; then echo "publiccode.yml:"; echo "$out"; exit 1; fi
echo "check-formats: publiccode.yml: no errors, no warnings (publiccode-parser-go v5.3.1)"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	echo "check-formats: node or npm missing; skipping the Ajv check of register.json"
	exit 0
fi
mods="${MAKI_NODE_MODULES:-$HOME/.cache/maki-ajv}"
if [ ! -d "$mods/node_modules/ajv" ] || [ ! -d "$mods/node_modules/ajv-formats" ]; then
	mkdir -p "$mods"
	npm install --silent --no-audit --no-fund --prefix "$mods" ajv@8 ajv-formats@3 >/dev/null
fi
NODE_PATH="$mods/node_modules" node internal/export/testdata/ajv-check.js \
	internal/export/register.schema.json "$tmp/public/daten/register.json" "$tmp"/public/daten/systeme/*.json
NODE_PATH="$mods/node_modules" node internal/export/testdata/eurocities/ats-check.js \
	internal/export/testdata/eurocities/registration-v0.3.1.schema.json "$tmp/public/daten/eurocities.json"
# The published entry and organisation schemas (draft-07) against every
# validate scenario and the example content, with Ajv required.
MAKI_NODE_MODULES="$mods" MAKI_REQUIRE_TOOLS=1 go test -count=1 -run 'TestSchemaParity|TestExampleContent' ./internal/schema/
