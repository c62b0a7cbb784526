/** The one small interface every PLC protocol implements, and the values it produces. */
@NullMarked
package io.rung.drivers.api;

import org.jspecify.annotations.NullMarked;
