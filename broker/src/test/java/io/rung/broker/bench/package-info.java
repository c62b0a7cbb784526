/** A load benchmark comparing Rung's broker with mosquitto; run by {@code bench/broker-vs-mosquitto.sh}, not a test. */
@org.jspecify.annotations.NullMarked
package io.rung.broker.bench;
