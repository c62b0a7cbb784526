/** Network listeners and the channel pipeline. */
@NullMarked
package io.rung.broker.listener;

import org.jspecify.annotations.NullMarked;
