/** Broker event log lines in mosquitto -v style. */
@NullMarked
package io.rung.broker.event;

import org.jspecify.annotations.NullMarked;
