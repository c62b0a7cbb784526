#!/bin/sh
# Load benchmark: Rung's broker against Debian's mosquitto on this machine, same generator, same run.
# Usage: bench/broker-vs-mosquitto.sh [--seconds N] [--clients N] [--payload BYTES] [--rung-jvm "-Xmx1g"]
# Needs: JDK 17, Maven (offline works once ~/.m2 is filled), mosquitto on the PATH (apt install mosquitto).
# Writes the Markdown table to bench/results.md; exits 1 if an acknowledged QoS 1 message was lost.
set -eu
cd "$(dirname "$0")/.."
command -v mosquitto >/dev/null || { echo "mosquitto not found on PATH (apt install mosquitto)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
mvn -q -B -o -pl broker -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$tmp/cp.txt" -Dmdep.includeScope=test
cp="broker/target/test-classes:broker/target/classes:$(cat "$tmp/cp.txt")"
java -Xmx1g -cp "$cp" io.rung.broker.bench.LoadBench --out bench/results.md "$@"
