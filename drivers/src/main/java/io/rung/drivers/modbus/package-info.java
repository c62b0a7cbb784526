/** The Modbus driver: register codec, read planning, shared lines over j2mod (TCP, RTU serial, RTU over TCP). */
@NullMarked
package io.rung.drivers.modbus;

import org.jspecify.annotations.NullMarked;
