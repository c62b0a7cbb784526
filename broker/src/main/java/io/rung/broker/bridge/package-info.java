/** Bridges: MQTT clients inside the broker that forward to a remote broker and take commands back, with a disk queue. */
@NullMarked
package io.rung.broker.bridge;

import org.jspecify.annotations.NullMarked;
