/** Southbound, MQTT to PLC: commands on {@code <point>/set}, checked by the safety rules, written and answered. */
@NullMarked
package io.rung.gateway.southbound;

import org.jspecify.annotations.NullMarked;
