/** {@code rung doctor}: why clients cannot connect, seen from the server's config and from a client's side. */
@NullMarked
package io.rung.gateway.doctor;

import org.jspecify.annotations.NullMarked;
