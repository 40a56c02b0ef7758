# Sourced by ./kaizen and bench scripts: exports JAVA_HOME as a Java 25+ JDK, or fails with advice.
kaizen_java_major() { "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }
kaizen_find_java() {
  local cand
  for cand in "${KAIZEN_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk-arm64 /usr/lib/jvm/*25*; do
    if [ -n "$cand" ] && [ -x "$cand/bin/java" ] && [ "$(kaizen_java_major "$cand")" -ge 25 ] 2>/dev/null; then
      echo "$cand"; return 0
    fi
  done
  return 1
}
JAVA_HOME="$(kaizen_find_java)" || { echo "kaizen: needs a Java 25 JDK (Temurin 25 at /usr/lib/jvm/temurin-25-jdk-amd64, or set KAIZEN_JAVA_HOME)" >&2; exit 1; }
export JAVA_HOME
