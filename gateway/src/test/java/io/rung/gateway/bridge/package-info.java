/** End-to-end tests of a gateway bridged to a real mosquitto: commands from the cloud side down to a simulated PLC. */
@org.jspecify.annotations.NullMarked
package io.rung.gateway.bridge;
