/** End-to-end tests of OPC UA devices: simulator → gateway → broker → MQTT 5 client, and commands back. */
@NullMarked
package io.rung.gateway.opcua;

import org.jspecify.annotations.NullMarked;
