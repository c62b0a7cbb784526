#!/bin/sh
# OPC UA benchmark: monitored items per second delivered end to end, simulator → gateway → broker → MQTT client.
# Usage: bench/opcua/run.sh [--nodes 10000] [--devices 4] [--interval 1000] [--seconds 20] [--qos 1] [--out FILE]
# Needs: JDK 17, Maven (offline works once ~/.m2 is filled). Runs everything in one JVM on loopback, < 2 minutes.
set -eu
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
mvn -q -B -o -pl gateway -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$tmp/cp.txt" -Dmdep.includeScope=test
cp="gateway/target/test-classes:gateway/target/classes:$(cat "$tmp/cp.txt")"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB; $(java -version 2>&1 | head -1)" >&2
exec java -Xmx1g -cp "$cp" io.rung.gateway.bench.OpcUaBench "$@"
