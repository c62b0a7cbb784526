/** What the gateway's core needs from outside itself: the broker's in-process client and a monotonic clock. */
@NullMarked
package io.rung.gateway.port;

import org.jspecify.annotations.NullMarked;
