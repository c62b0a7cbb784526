/** Simulated PLCs (a Modbus TCP server and an OPC UA server) for tests, {@code rung sim} and {@code rung demo}. */
@NullMarked
package io.rung.drivers.sim;

import org.jspecify.annotations.NullMarked;
