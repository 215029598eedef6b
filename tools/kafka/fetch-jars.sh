#!/usr/bin/env bash
# Copies the jars of a local Apache Kafka broker (KRaft, run with the machine's Java) from Maven
# Central into a cache folder, once. Safe to run again and from several shells at once: a complete
# folder carries a marker file and is left alone.
#
#   tools/kafka/fetch-jars.sh            # version from pom.xml
#   KAFKA_VERSION=3.9.2 tools/kafka/fetch-jars.sh
#
# Prints the folder holding the jars on its last line of output.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
pom="$here/pom.xml"
pinned="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$pom" | head -n 1)"
version="${KAFKA_VERSION:-$pinned}"
cache_root="${REKEY_CACHE_DIR:-$HOME/.cache/rekey}"
libs="$cache_root/kafka-$version/libs"
marker="$libs/.complete"

if [[ -f "$marker" ]]; then
  echo "$libs"
  exit 0
fi

command -v mvn >/dev/null 2>&1 || { echo "fetch-jars: Maven (mvn) is required" >&2; exit 1; }
command -v java >/dev/null 2>&1 || { echo "fetch-jars: Java is required to run the broker" >&2; exit 1; }

mkdir -p "$cache_root"
# Another process may be fetching the same version: wait for it, then look again.
exec 9>"$cache_root/kafka-$version.lock"
if command -v flock >/dev/null 2>&1; then flock 9; fi
if [[ -f "$marker" ]]; then
  echo "$libs"
  exit 0
fi

partial="$libs.partial.$$"
trap 'rm -rf "$partial"' EXIT
rm -rf "$partial"
mkdir -p "$partial"

echo "fetch-jars: copying Kafka $version and its runtime dependencies from Maven Central" >&2
# Maven 3.8 prints colour resets even in batch mode: strip them, keep its messages on stderr.
if ! mvn -B -q --no-transfer-progress -Dstyle.color=never -f "$pom" \
  "-Dkafka.version=$version" \
  dependency:copy-dependencies \
  -DincludeScope=runtime \
  "-DoutputDirectory=$partial" 2>&1 | { sed 's/\x1b\[[0-9;]*m//g' | grep -v '^$' || true; } >&2; then
  echo "fetch-jars: Maven could not copy the jars of Kafka $version" >&2
  exit 1
fi

# A download that "succeeded" without the broker jar would only fail later, at start-up.
if ! compgen -G "$partial/kafka_2.13-$version.jar" >/dev/null; then
  echo "fetch-jars: kafka_2.13-$version.jar missing after copy" >&2
  exit 1
fi

rm -rf "$libs"
mv "$partial" "$libs"
trap - EXIT
printf 'kafka %s\njars %s\nfetched %s\n' "$version" "$(ls "$libs" | wc -l)" "$(date -u +%FT%TZ)" >"$marker"
echo "fetch-jars: $(ls "$libs"/*.jar | wc -l) jars in $libs" >&2
echo "$libs"
