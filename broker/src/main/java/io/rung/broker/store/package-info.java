/** Storage SPI for sessions, retained messages and pending wills. */
@NullMarked
package io.rung.broker.store;

import org.jspecify.annotations.NullMarked;
