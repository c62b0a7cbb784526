/** The application: wires the broker, the drivers, polling, mapping, write-back and the command line. */
@NullMarked
package io.rung.gateway;

import org.jspecify.annotations.NullMarked;
