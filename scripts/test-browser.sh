#!/usr/bin/env bash
# Run before the test suite (npm test): the browser tests need Chromium, and the Chinese pages a CJK font.
# Installs both with apt-get where this machine allows it (root, or sudo without a password); otherwise
# says in one line what to install, and the browser tests fail with the same message.
set -uo pipefail

chromium="${SHANGJI_CHROMIUM:-/usr/bin/chromium}"
missing=()
[ -x "$chromium" ] || missing+=(chromium)
if ! { command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=zh family 2>/dev/null | head -n 1)" ]; }; then
  missing+=(fonts-wqy-microhei)
fi
[ "${#missing[@]}" -eq 0 ] && exit 0

if command -v apt-get >/dev/null 2>&1; then
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo=(sudo -n); else sudo=(none); fi
  fi
  if [ "${sudo[0]:-}" != none ]; then
    echo "installing ${missing[*]} for the browser tests (apt-get)" >&2
    export DEBIAN_FRONTEND=noninteractive
    if "${sudo[@]}" apt-get update -qq >&2 && "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >&2; then exit 0; fi
  fi
fi
echo "shangji: the browser tests need ${missing[*]}: install them (Debian/Ubuntu: apt-get install -y chromium fonts-wqy-microhei), or set SHANGJI_CHROMIUM to a Chromium; the other tests run regardless" >&2
exit 0
