/** Integration tests of the broker with real MQTT clients and raw sockets on loopback, grouped like mosquitto's suite. */
@org.jspecify.annotations.NullMarked
package io.rung.broker.it;
