#!/usr/bin/env bash
# Makes the Java runtime the GPU machine lacks: a jlink'ed image of MODULES, xz'ed into FILE.
#   make_jre.sh FILE MODULES        (unpacked there by unpack_jre.sh FILE DEST -> DEST/jre)
# The modules stay uncompressed inside the image and the whole is xz'ed: 22 MB against 39 MB for
# zip-compressed modules in a .tgz (compressed data does not compress again), which leaves room
# under the device tool's 64 MiB carry limit for a carried SFT adapter (grpo_device.sh resume).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
source "$ROOT/scripts/find-java.sh"
JRE=$(mktemp -d)
"$JAVA_HOME/bin/jlink" --add-modules "$2" --strip-debug --no-header-files --no-man-pages --compress=zip-0 --output "$JRE/jre"
tar cf - -C "$JRE" jre | xz -9 -T2 > "$1" && rm -rf "$JRE"
