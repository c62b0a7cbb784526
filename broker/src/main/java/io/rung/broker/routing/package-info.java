/** Routing of published messages to subscribers, across event loops. */
@NullMarked
package io.rung.broker.routing;

import org.jspecify.annotations.NullMarked;
