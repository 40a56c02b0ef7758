#!/usr/bin/env bash
# Makes the folder the device tool carries: the worker, the jar with the libraries `kaizen train`
# needs, and a jlink'ed JRE (the GPU machine has no Java).   worker/gpu/bundle.sh DEST
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DEST=$1
source "$ROOT/scripts/find-java.sh"
(cd "$ROOT" && ./mvnw -B -q -ntp -o -DskipTests package)
rm -rf "$DEST" && mkdir -p "$DEST/java/lib"
cp -r "$ROOT/worker" "$DEST/worker"
find "$DEST/worker" -name __pycache__ -prune -exec rm -rf {} +
cp "$ROOT/target/kaizen.jar" "$DEST/java/"
cp "$ROOT"/target/lib/{jackson-,picocli-,snakeyaml-}*.jar "$DEST/java/lib/"
cp "$ROOT/worker/gpu/device_check.sh" "$ROOT/worker/gpu/issue7.sh" "$ROOT/worker/gpu/unpack_jre.sh" "$DEST/"
"$ROOT/worker/gpu/make_jre.sh" "$DEST/jre.txz" java.base,java.sql,java.logging,jdk.unsupported,java.net.http,java.desktop
"$ROOT/worker/gpu/check_jre_text.sh" "$DEST/jre.txz" "$DEST/java/kaizen.jar:$(ls "$DEST"/java/lib/*.jar | tr '\n' ':')"
du -sh "$DEST"
