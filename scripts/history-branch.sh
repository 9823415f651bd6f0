#!/usr/bin/env bash
# Keeps the warehouse's archive (every table as Parquet, written after every ingest) on a git branch of its
# own, so that the history outlives the CI cache that holds the warehouse between nightly runs.
#
#   scripts/history-branch.sh pull   restore the warehouse from the branch when the warehouse is missing (a cold
#                                    cache), or when the branch holds another archive than the warehouse's own (a
#                                    cache older than the branch); otherwise leave it as it is
#   scripts/history-branch.sh push   bring the archive up to date and commit it to the branch (created as an orphan
#                                    branch the first time), then push it; nothing is committed when it is unchanged
#
#   SHANGJI_HISTORY_REMOTE   git remote holding the branch (a URL or path); in GitHub Actions the repository itself
#   SHANGJI_HISTORY_BRANCH   the branch (default shangji-data); it holds the archive only, one commit per change
#   SHANGJI_WAREHOUSE        the warehouse (default: "warehouse" of shangji.config.json, or SHANGJI_CONFIG's)
#
# Exit code: 0 done, 1 failed (the remote could not be read or written, or the restore failed).
set -euo pipefail
cd "$(dirname "$0")/.."

action=${1:?usage: scripts/history-branch.sh pull|push}
remote=${SHANGJI_HISTORY_REMOTE:?SHANGJI_HISTORY_REMOTE names the git remote that holds the history}
branch=${SHANGJI_HISTORY_BRANCH:-shangji-data}
warehouse=${SHANGJI_WAREHOUSE:-$(node bin/shangji.js config warehouse)}
archive=$(node bin/shangji.js archive --warehouse "$warehouse" --print-folder)
export GIT_AUTHOR_NAME=${GIT_AUTHOR_NAME:-shangji} GIT_AUTHOR_EMAIL=${GIT_AUTHOR_EMAIL:-shangji@localhost}
export GIT_COMMITTER_NAME=${GIT_COMMITTER_NAME:-$GIT_AUTHOR_NAME} GIT_COMMITTER_EMAIL=${GIT_COMMITTER_EMAIL:-$GIT_AUTHOR_EMAIL}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
say() { echo "history: $*" >&2; }

# 0: the branch exists, 2: it does not (ls-remote's code for no match); anything else stops the script
branch_exists() {
  local code=0
  git ls-remote --exit-code --heads "$remote" "refs/heads/$branch" >/dev/null || code=$?
  if [ "$code" -ne 0 ] && [ "$code" -ne 2 ]; then
    echo "shangji: cannot read the history branch $branch of the remote (git ls-remote exit $code)" >&2
    exit 1
  fi
  return "$code"
}

clone() {
  git clone --quiet --depth 1 --single-branch --branch "$branch" "$remote" "$work/history"
}

case "$action" in
  pull)
    if [ -e "$warehouse" ] && [ ! -e "$archive/manifest.json" ]; then
      say "keeping $warehouse: it has no archive to compare with the branch"
      exit 0
    fi
    if ! branch_exists; then
      say "no branch $branch yet: nothing to restore"
      exit 0
    fi
    clone
    if [ -e "$warehouse" ] && cmp -s "$archive/manifest.json" "$work/history/manifest.json"; then
      say "$warehouse is the one on branch $branch"
      exit 0
    fi
    [ -e "$warehouse" ] && say "$warehouse is not the one on branch $branch: restoring the branch's"
    node bin/shangji.js restore "$work/history" --warehouse "$warehouse" --force
    node bin/shangji.js archive --warehouse "$warehouse" >/dev/null
    ;;
  push)
    node bin/shangji.js archive --warehouse "$warehouse" >/dev/null
    if branch_exists; then
      clone
    else
      git init --quiet "$work/history"
      git -C "$work/history" checkout --quiet --orphan "$branch"
    fi
    find "$work/history" -mindepth 1 -maxdepth 1 ! -name .git -exec rm -rf {} +
    cp -R "$archive/." "$work/history/"
    printf '%s\n' \
      "The history of a Shangji warehouse: every table as Parquet, written after every ingest." \
      "Rebuild the warehouse from a clone of this branch with \`shangji restore <clone> --warehouse <file>\`." \
      >"$work/history/README.md"
    git -C "$work/history" add --all
    if git -C "$work/history" diff --cached --quiet; then
      say "branch $branch already holds this archive"
      exit 0
    fi
    git -C "$work/history" commit --quiet -m "warehouse archive of $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    git -C "$work/history" push --quiet "$remote" "HEAD:refs/heads/$branch"
    say "pushed the archive to branch $branch"
    ;;
  *)
    echo "usage: scripts/history-branch.sh pull|push" >&2
    exit 2
    ;;
esac
