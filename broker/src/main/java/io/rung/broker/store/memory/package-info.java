/** In-memory store, used when nothing must survive a restart and as the reference implementation. */
@NullMarked
package io.rung.broker.store.memory;

import org.jspecify.annotations.NullMarked;
