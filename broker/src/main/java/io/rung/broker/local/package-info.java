/** In-process clients that talk to the broker without TCP. */
@NullMarked
package io.rung.broker.local;

import org.jspecify.annotations.NullMarked;
