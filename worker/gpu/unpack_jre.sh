#!/usr/bin/env bash
# Unpacks make_jre.sh's runtime on the GPU machine: with Python's tarfile (python3 is always there),
# else tar's xz (the xz program may be missing there).   unpack_jre.sh FILE DEST  (-> DEST/jre)
set -uo pipefail
python3 -m tarfile --filter tar -e "$1" "$2" || tar xJf "$1" -C "$2"
