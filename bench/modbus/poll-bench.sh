#!/bin/sh
# Polling benchmark: one gateway, N Modbus devices x 100 points on Rung's simulators, the broker in-process and
# one MQTT subscriber counting the values it receives, for several poll intervals (about 80 s with the defaults,
# plus the build).
# Usage: bench/modbus/poll-bench.sh [--devices 100] [--simulators 100] [--polls 1000,500,250,100]
#                                   [--seconds 8] [--warmup 3] [--qos 1]
# Needs: JDK 17, Maven (offline works once ~/.m2 is filled). Writes the Markdown table to bench/modbus/results.md.
set -eu
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
mvn -q -B -o -pl gateway -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$tmp/cp.txt" -Dmdep.includeScope=test
cp="gateway/target/test-classes:gateway/target/classes:drivers/target/classes:broker/target/classes:config/target/classes:$(cat "$tmp/cp.txt")"
timeout 300 java -Xmx1g -cp "$cp" io.rung.gateway.bench.ModbusPollBench --out bench/modbus/results.md "$@"
