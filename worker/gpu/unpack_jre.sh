#!/usr/bin/env bash
# Unpacks bundle.sh's jre.txz on the GPU machine: with Python's tarfile (python3 is always there),
# else tar's xz (the xz program may be missing there).   unpack_jre.sh BUNDLE DEST  (-> DEST/jre)
set -uo pipefail
python3 -m tarfile --filter tar -e "$1/jre.txz" "$2" || tar xJf "$1/jre.txz" -C "$2"
