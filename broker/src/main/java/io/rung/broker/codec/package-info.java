/** MQTT wire format: validation on top of Netty's codec and the outbound PUBLISH encoder. */
@NullMarked
package io.rung.broker.codec;

import org.jspecify.annotations.NullMarked;
