/** The {@code rung} command line (picocli): the only place that prints to the console. */
@NullMarked
package io.rung.gateway.cli;

import org.jspecify.annotations.NullMarked;
