/** TLS listener tests and the shared transport test support: test PKI, log capture, clients over every transport. */
@NullMarked
package io.rung.broker.tls;

import org.jspecify.annotations.NullMarked;
