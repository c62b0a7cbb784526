/** Netty handlers for MQTT packets on a client connection. */
@NullMarked
package io.rung.broker.handler;

import org.jspecify.annotations.NullMarked;
