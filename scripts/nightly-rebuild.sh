#!/usr/bin/env bash
# The scheduled rebuild, exactly as .github/workflows/nightly.yml runs it (and the test suite runs it
# on the sample): fetch the exports, then `shangji rebuild`, with a summary for the CI job page.
#
#   SHANGJI_EXPORTS        folder holding the exports (default: "exports" of shangji.config.json)
#   SHANGJI_FETCH_EXPORTS  optional command that fills $SHANGJI_EXPORTS first, e.g.
#                          "aws s3 sync s3://bucket/crm-exports \"$SHANGJI_EXPORTS\"" or an artifact download
#   GITHUB_STEP_SUMMARY    file the Markdown summary is appended to (set by GitHub Actions)
#   GITHUB_OUTPUT          file the step's outputs are appended to: access=artifact|pages|password, how the
#                          workflow publishes the site (publish.access of shangji.config.json)
#   SHANGJI_SITE_PASSPHRASE  the passphrase of a "password" site (a repository secret)
#   SHANGJI_HISTORY_REMOTE   optional git remote whose branch SHANGJI_HISTORY_BRANCH (default shangji-data) keeps
#                          the warehouse's archive: restored from when the warehouse is missing, pushed to after
#                          the rebuild (scripts/history-branch.sh)
#
# Exit code: that of `shangji rebuild` — 0 built, 5 built but input was quarantined or rejected,
# anything else failed with the previous site kept; 3 also when fetching the exports failed; 1 also when
# the history could not be restored (nothing was rebuilt) or pushed.
set -uo pipefail
cd "$(dirname "$0")/.."

# an invalid configuration (a public site that does not say what it hides) stops here, before any work
access=$(node bin/shangji.js config publish.access) || exit 2
[ -n "${GITHUB_OUTPUT:-}" ] && echo "access=$access" >>"$GITHUB_OUTPUT"
if [ "$access" = pages ]; then
  public='the site is deployed to GitHub Pages in the clear (publish.access "pages"): anyone with its address can read it'
  echo "::warning::$public"
  [ -n "${GITHUB_STEP_SUMMARY:-}" ] && echo "> ⚠️ **Public site:** $public." >>"$GITHUB_STEP_SUMMARY"
fi

if [ -n "${SHANGJI_FETCH_EXPORTS:-}" ]; then
  : "${SHANGJI_EXPORTS:?SHANGJI_FETCH_EXPORTS needs SHANGJI_EXPORTS, the folder it fills}"
  mkdir -p "$SHANGJI_EXPORTS"
  if ! bash -c "$SHANGJI_FETCH_EXPORTS"; then
    echo "shangji: fetching the exports failed (SHANGJI_FETCH_EXPORTS); the previous site is kept" >&2
    exit 3
  fi
fi

if [ -n "${SHANGJI_HISTORY_REMOTE:-}" ] && ! scripts/history-branch.sh pull; then
  echo "shangji: restoring the warehouse's history failed; nothing was rebuilt" >&2
  exit 1
fi

args=(rebuild)
[ -n "${SHANGJI_EXPORTS:-}" ] && args+=(--exports "$SHANGJI_EXPORTS")
[ -n "${GITHUB_STEP_SUMMARY:-}" ] && args+=(--summary "$GITHUB_STEP_SUMMARY")
code=0
node bin/shangji.js "${args[@]}" || code=$?

if [ -n "${SHANGJI_HISTORY_REMOTE:-}" ] && { [ "$code" -eq 0 ] || [ "$code" -eq 5 ]; }; then
  if ! scripts/history-branch.sh push; then
    echo "shangji: the site was built, but the warehouse's history could not be pushed" >&2
    exit 1
  fi
fi
exit "$code"
