/** Client sessions: subscriptions, inflight packet ids, outbound queues. */
@NullMarked
package io.rung.broker.session;

import org.jspecify.annotations.NullMarked;
