/** The HTTP side of the gateway: dashboard, REST API under {@code /api/v1/}, {@code /metrics} and {@code /health}. */
@NullMarked
package io.rung.gateway.http;

import org.jspecify.annotations.NullMarked;
