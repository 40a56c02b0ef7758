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
# On Linux Java's font manager starts through libfontconfig and, without it, fails on the first font
# ("Fontconfig head is null"), even the jar's own DejaVu Sans: the GPU machine's curves came back
# without text, and hiding libfontconfig here gives the same. Given lib/fontconfig.properties it
# reads that file instead; the charts name no system font, so declaring none is enough
# (check_jre_text.sh checks it).
if [ -d "$JRE/jre/lib" ] && [[ ",$2," == *",java.desktop,"* ]]; then
  printf 'version=1\nsequence.allfonts=default\n' > "$JRE/jre/lib/fontconfig.properties"
fi
tar cf - -C "$JRE" jre | xz -9 -T2 > "$1" && rm -rf "$JRE"
