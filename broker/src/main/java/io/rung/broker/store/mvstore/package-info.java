/** The durable store: an H2 MVStore file written by one group-commit thread. */
@NullMarked
package io.rung.broker.store.mvstore;

import org.jspecify.annotations.NullMarked;
