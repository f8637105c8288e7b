#!/usr/bin/env bash
# The Welsh interface's words against Debian's Welsh dictionary (aspell-cy).
#
# Reads the values of web/locales/cy/*.ftl (not keys, comments, variables
# or selectors), lists every word aspell does not know, and fails when one
# of them is not in accepted.txt: the words a person has read and kept
# (names, loanwords, technical terms). A new unknown word is either a typo
# to fix or a word to add there, never passed over.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
locales="$here/../../web/locales/cy"
if ! aspell --lang=cy dump dicts >/dev/null 2>&1 || ! aspell dump dicts | grep -qx cy; then
  echo "welsh spelling: the aspell Welsh dictionary is missing (apt-get install aspell aspell-cy)" >&2
  exit 2
fi
unknown="$(
  grep -hv '^\s*#' "$locales"/*.ftl |
    sed -E 's/^[a-z][a-z0-9-]* =//; s/\{ *\$[a-zA-Z_]+ *->//; s/^\s*\}\s*$//; s/\{[^}]*\}/ /g; s/^\s*\*?\[[A-Za-z_]+\]//' |
    tr "'’" '  ' |
    aspell --lang=cy --encoding=utf-8 list |
    sort -u
)"
accepted="$( (grep -v '^#' "$here/accepted.txt" || true) | sort -u)"
new="$(comm -23 <(printf '%s\n' "$unknown" | sed '/^$/d') <(printf '%s\n' "$accepted"))"
echo "welsh spelling: $(printf '%s\n' "$unknown" | sed '/^$/d' | wc -l) words aspell-cy does not know, all reviewed in accepted.txt unless listed below"
if [ -n "$new" ]; then
  echo "not yet reviewed (fix the spelling, or add the word to tests/welsh-spelling/accepted.txt):"
  printf '  %s\n' $new
  exit 1
fi
