#!/usr/bin/env bash
# Checks that a JRE made by make_jre.sh draws chart text where libfontconfig is missing (the GPU
# machine): unpacks JRE_TXZ, hides libfontconfig in a private mount namespace and draws a GRPO
# curve with `kaizen train curve`; fails if the curve was drawn without its text. Needs root and
# unshare for the hiding; without them it says so and checks nothing.
#   check_jre_text.sh JRE_TXZ CLASSPATH
set -euo pipefail
B=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
bash "$B/unpack_jre.sh" "$1" "$T" > /dev/null
mkdir -p "$T/run"
printf '{"step":1,"reward_mean":0.2,"success_rate":0.1}\n{"step":2,"reward_mean":0.3,"success_rate":0.2}\n' > "$T/run/metrics.jsonl"
: > "$T/nolib"
libs=$(ls /usr/lib/x86_64-linux-gnu/libfontconfig.so.* /usr/lib64/libfontconfig.so.* 2>/dev/null || true)
if [ "$(id -u)" != 0 ] || ! unshare -m true 2>/dev/null; then
  echo "check_jre_text: not root or no unshare here: cannot hide libfontconfig, nothing checked"
  exit 0
fi
hide=""
for l in $libs; do hide="$hide mount --bind $T/nolib $(readlink -f "$l");"; done
unshare -m sh -c "$hide \"$T/jre/bin/java\" -Djava.awt.headless=true -cp \"$2\" kaizen.cli.Main train curve \"$T/run\"" > "$T/out" 2>&1 || true
if grep -q "warning:.*without its text\|Exception\|Error" "$T/out" || [ ! -s "$T/run/curve.png" ]; then
  echo "check_jre_text: FAILED, the JRE cannot draw text without libfontconfig:"; cat "$T/out"; exit 1
fi
echo "check_jre_text: the JRE draws chart text without libfontconfig (hid:$(echo $libs))"
