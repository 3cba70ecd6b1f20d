#!/usr/bin/env bash
# history-repo.sh SRC DIR — a git repository with a change history, for history.test.js.
#
# Copies the content folder SRC to DIR/content, commits it as it is, then
# commits three systems of its own with fixed dates (one day apart in
# January 2026): verlauf-eins in seven versions (risk class, purpose, a
# technique, a tag, dates, a comment only), so that its older versions fold;
# verlauf-zwei renamed to verlauf-zwei-neu (git mv); verlauf-drei deleted, so
# that it keeps a page saying it was removed. Authors are not published.
set -euo pipefail
src="$1" dir="$2"
rm -rf "$dir" && mkdir -p "$dir"
cp -R "$src" "$dir/content"
cd "$dir"
org="$(ls content/organisationen | head -n 1)" && org="${org%.yaml}"
topic="$(sed -n 's/^- id: //p' content/themen.yaml | head -n 1)"
day=1
g() {
  local date
  date="$(printf '2026-01-%02dT09:30:00Z' "$day")"
  env -u GIT_DIR -u GIT_WORK_TREE GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null \
    GIT_AUTHOR_NAME="Test" GIT_AUTHOR_EMAIL=test@example.org \
    GIT_COMMITTER_NAME="Test" GIT_COMMITTER_EMAIL=test@example.org \
    GIT_AUTHOR_DATE="$date" GIT_COMMITTER_DATE="$date" git "$@"
}
commit() { g add -A && g commit -q -m "$1" && day=$((day + 1)); }
# system NAME RISK PURPOSE UPDATED [EXTRA]
system() {
  cat <<YAML
name: "$1"
summary: "Ein System, dessen Änderungsverlauf im Browser geprüft wird."
organisation: $org
status: pilot
start: 2025-01
topics: [$topic]
techniques: [nlp]
users: staff
purpose: |
  $3
risk_class: $2
personal_data: none
contact_email: ki@example.org
published: 2025-01-01
updated: $4
${5:-}
YAML
}
g init -q -b main
commit "example content"
s=content/systeme
# verlauf-eins's purpose, long enough that its word diff is shortened ("…").
purpose() {
  echo "Das Amt erhält jeden Monat mehrere tausend Anträge, die bisher von Hand nach Art und Dringlichkeit sortiert werden. Das System soll Anträge auf Wohngeld $1vorsortieren, damit eilige Fälle früher bearbeitet werden. Die Sachbearbeitung prüft jeden Vorschlag und entscheidet selbst; das System entscheidet über keinen Antrag."
}
system "Verlauf Eins" minimal "$(purpose "")" 2025-01-02 >"$s/verlauf-eins.yaml"
system "Verlauf Zwei" minimal "Post verteilen." 2025-01-02 >"$s/verlauf-zwei.yaml"
system "Verlauf Drei" minimal "Fristen berechnen." 2025-01-02 >"$s/verlauf-drei.yaml"
commit "three systems"
system "Verlauf Eins" transparency "$(purpose "schnell und fair ")" 2025-01-03 >"$s/verlauf-eins.yaml"
commit "eins: risk class and purpose"
g mv "$s/verlauf-zwei.yaml" "$s/verlauf-zwei-neu.yaml"
commit "zwei renamed"
g rm -q "$s/verlauf-drei.yaml"
commit "drei removed"
system "Verlauf Eins" transparency "$(purpose "schnell und fair ")" 2025-01-04 "tags: [wohngeld]" >"$s/verlauf-eins.yaml"
commit "eins: tag"
for u in 05 06 07; do
  system "Verlauf Eins" transparency "$(purpose "schnell und fair ")" "2025-01-$u" "tags: [wohngeld]" >"$s/verlauf-eins.yaml"
  commit "eins: updated"
done
{ echo "# Nur ein Kommentar"; cat "$s/verlauf-eins.yaml"; } >"$s/tmp" && mv "$s/tmp" "$s/verlauf-eins.yaml"
commit "eins: comment only"
