#!/bin/sh
# Bridge benchmark: Rung's broker with a bridge to Debian's mosquitto, forwarded msg/s at QoS 0 and 1, and the
# drain rate of a 1,000,000-message backlog queued while mosquitto was down.
# Usage: bench/bridge-to-mosquitto.sh [--seconds N] [--messages N] [--publishers N] [--payload BYTES] [--backlog N]
#        [--only forward|backlog] [--jvm "-Xmx1g ..."]
# Needs: JDK 17, Maven (offline works once ~/.m2 is filled), mosquitto on the PATH (apt install mosquitto).
# Writes the Markdown tables to broker/target/bridge-results.md; exits 1 if an acknowledged message was lost.
set -eu
cd "$(dirname "$0")/.."
command -v mosquitto >/dev/null || { echo "mosquitto not found on PATH (apt install mosquitto)" >&2; exit 2; }
jvm="-Xmx1g"
args=""
while [ $# -gt 0 ]; do
    case "$1" in
        --jvm) jvm="$2"; shift 2 ;;
        *) args="$args $1"; shift ;;
    esac
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
mvn -q -B -o -pl broker -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$tmp/cp.txt" -Dmdep.includeScope=test
cp="broker/target/test-classes:broker/target/classes:$(cat "$tmp/cp.txt")"
# shellcheck disable=SC2086
java $jvm -Dlogback.configurationFile=bench/bridge-logback.xml -cp "$cp" io.rung.broker.bench.BridgeBench --out broker/target/bridge-results.md $args
