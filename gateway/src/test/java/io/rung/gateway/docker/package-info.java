/** Tests of the files under {@code docker/}: no Docker engine runs here, so what can be checked without one. */
@NullMarked
package io.rung.gateway.docker;

import org.jspecify.annotations.NullMarked;
