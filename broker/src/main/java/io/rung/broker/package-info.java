/** Rung broker module. */
@NullMarked
package io.rung.broker;

import org.jspecify.annotations.NullMarked;
