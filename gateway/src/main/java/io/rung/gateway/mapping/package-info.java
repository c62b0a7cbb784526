/** How points map to topics and how values, statuses and command results are written as payloads. */
@NullMarked
package io.rung.gateway.mapping;

import org.jspecify.annotations.NullMarked;
