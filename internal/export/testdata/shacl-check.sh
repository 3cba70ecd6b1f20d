#!/bin/sh
# shacl-check.sh validates catalog.rdf files with Apache Jena's SHACL engine
# (Debian's libapache-jena-java, installed when missing) against
#  1. the SEMIC DCAT-AP 3.0.1 shapes with the range shapes
#     (shacl/semic-dcat-ap-3.0.1/), and
#  2. the DCAT-AP.de 3.0 profile "Spezifikation" of GovData's validator:
#     the DCAT-AP 3.0.0 shapes and GovData's five DCAT-AP.de files
#     (shacl/dcat-ap-de-3.0/), and
#  3. GovData's MQA dashboard shapes ("dashboard_live": licence from the
#     list, open licence, publisher, keyword, exactly one contributor id
#     from GovData's list; shacl/govdata-mqa/).
# SHACL_PROFILES picks some of them (default "semic de mqa").
# The data graph is each catalog.rdf together with the two vocabularies
# GovData ships (licences, contributors). Results that are look-ups in
# vocabularies that cannot be loaded offline (shacl/report.rq: EU
# authority tables, dcat-ap.de political geocoding) are counted and named;
# results about the concept schemes of GovData's two vocabulary files are
# counted too; any other violation or warning fails.
# Usage: shacl-check.sh catalog.rdf...
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v java >/dev/null 2>&1 || [ ! -f /usr/share/java/jena-shacl.jar ]; then
	sudo=""
	[ "$(id -u)" = 0 ] || sudo="sudo"
	pkgs="libapache-jena-java"
	command -v java >/dev/null 2>&1 || pkgs="$pkgs default-jre-headless"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $pkgs >/dev/null
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The class path: Jena and the jars of the packages it depends on, with
# one SLF4J binding (several on the path abort Jena at start).
deps=$(apt-cache depends libapache-jena-java 2>/dev/null | awk '/Depends:/ {print $2}')
cp=$(for p in libapache-jena-java $deps; do dpkg -L "$p" 2>/dev/null; done |
	grep '^/usr/share/java/[^/]*\.jar$' | grep -v -- '-[0-9][0-9.]*\.jar$' |
	grep -v 'log4j\|slf4j-\(jcl\|jdk14\|simple\|nop\|log4j12\|migrator\)\|jcl-over\|jul-to' |
	sort -u | tr '\n' ':')
# Debian's jena-core 4.5.0 moved Jena's shaded Xerces classes to the
# package xerces but left their message files under org/apache/jena/ext/
# xerces, so the XSD datatypes fail to initialise ("internal error");
# putting the files where the classes look for them fixes that.
mkdir -p "$tmp/fix"
(cd "$tmp/fix" && unzip -q -o /usr/share/java/jena-core.jar 'org/apache/jena/ext/xerces/*.properties' &&
	mv org/apache/jena/ext/xerces xerces && rm -rf org)
cp="${cp}/usr/share/java/slf4j-nop.jar:$tmp/fix"
jena() { java -cp "$cp" "$@"; }

# SEMIC's dcat-ap-SHACL.ttl and ranges.ttl name some property shapes
# (sh:property) they never define; Jena refuses such a shapes graph, other
# engines skip them. Drop exactly those references and say how many.
jena riotcmd.riot --output=nt "$here/shacl/semic-dcat-ap-3.0.1/dcat-ap-SHACL.ttl" \
	"$here/shacl/semic-dcat-ap-3.0.1/ranges.ttl" >"$tmp/semic-all.nt"
awk -v out="$tmp/dropped" '
	$2 == "<http://www.w3.org/ns/shacl#path>" { path[$1] = 1 }
	{ line[NR] = $0; pred[NR] = $2; obj[NR] = $3 }
	END {
		n = 0
		for (i = 1; i <= NR; i++) {
			if (pred[i] == "<http://www.w3.org/ns/shacl#property>" && !(obj[i] in path)) { n++; continue }
			print line[i]
		}
		print n > out
	}' "$tmp/semic-all.nt" >"$tmp/semic.nt"
echo "shacl-check: SEMIC DCAT-AP 3.0.1: dropped $(cat "$tmp/dropped") references to undefined property shapes"
jena riotcmd.riot --output=nt "$here"/shacl/dcat-ap-de-3.0/*.ttl >"$tmp/de.nt"
jena riotcmd.riot --output=nt "$here/shacl/govdata-mqa/db-shapes.ttl" >"$tmp/mqa.nt"

status=0
for rdf in "$@"; do
	jena riotcmd.riot --output=nt "$rdf" "$here/shacl/dcat-ap-de-3.0/dcat-ap-de-licenses-open.rdf" \
		"$here/shacl/dcat-ap-de-3.0/dcat-ap-de-contributors.rdf" >"$tmp/data.nt"
	for profile in ${SHACL_PROFILES:-semic de mqa}; do
		jena shacl.shacl validate --shapes "$tmp/$profile.nt" --data "$tmp/data.nt" >"$tmp/report.ttl"
		jena arq.sparql --data "$tmp/report.ttl" --query "$here/shacl/report.rq" --results=tsv |
			tail -n +2 >"$tmp/results.tsv"
		name="SEMIC DCAT-AP 3.0.1 + ranges"
		[ "$profile" = de ] && name="DCAT-AP.de 3.0 (Spezifikation)"
		[ "$profile" = mqa ] && name="GovData MQA dashboard"
		fails=$(grep -c '	"fail"	' "$tmp/results.tsv" || true)
		ext=$(grep -c '	"external"	' "$tmp/results.tsv" || true)
		vocabs=$(grep '	"external"	' "$tmp/results.tsv" | cut -f3 |
			sed 's|^<http://publications.europa.eu/resource/authority/\([^/>]*\).*|EU \1|; s|^<http://dcat-ap.de/def/politicalGeocoding/\([^/>]*\).*|dcat-ap.de politicalGeocoding/\1|' |
			sort -u | tr '\n' ',' | sed 's/,$//; s/,/, /g')
		voc=$(grep -c '	"vocabulary"	' "$tmp/results.tsv" || true)
		counts=$(grep -c '	"count"	' "$tmp/results.tsv" || true)
		msg="$fails failures; $ext look-ups in offline vocabularies${vocabs:+ ($vocabs)}"
		[ "$voc" = 0 ] || msg="$msg; $voc about GovData's vocabulary files"
		[ "$counts" = 0 ] || msg="$msg; $counts MQA counters"
		echo "shacl-check: $rdf: $name: $msg"
		if [ "$fails" != 0 ]; then
			grep '	"fail"	' "$tmp/results.tsv" >&2
			status=1
		fi
	done
done
exit $status
