#!/usr/bin/env bash
# Installs, from Debian, what the test suite needs beyond Java and Maven so that no test is
# skipped on a fresh machine: python3-torch + numpy (the training worker's CPU tests) and
# chromium (the report's headless-browser test). Already-installed packages are left alone;
# without root or apt-get it only says what is missing (those tests then skip, saying so).
set -uo pipefail
need=()
for pkg in python3-torch python3-numpy chromium fonts-dejavu-core; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -eq 0 ]; then
  echo "ci-setup: test dependencies present"
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "ci-setup: missing ${need[*]} (not root or no apt-get): the tests needing them will be skipped"
  exit 0
fi
echo "ci-setup: installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
