/** Northbound, PLC to MQTT: polls scheduled with Quartz, deadband and heartbeat, retained values and $status. */
@NullMarked
package io.rung.gateway.northbound;

import org.jspecify.annotations.NullMarked;
