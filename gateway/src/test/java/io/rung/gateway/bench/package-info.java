/** A polling-throughput benchmark of Modbus devices through the gateway; run by {@code bench/modbus/poll-bench.sh}, not a test. */
@org.jspecify.annotations.NullMarked
package io.rung.gateway.bench;
