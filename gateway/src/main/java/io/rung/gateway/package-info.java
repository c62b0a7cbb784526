/** Rung gateway module. */
@NullMarked
package io.rung.gateway;

import org.jspecify.annotations.NullMarked;
