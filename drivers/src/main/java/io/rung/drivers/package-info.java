/** Rung drivers module. */
@NullMarked
package io.rung.drivers;

import org.jspecify.annotations.NullMarked;
