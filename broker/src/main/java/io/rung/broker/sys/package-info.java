/** The $SYS/broker statistics topics. */
@NullMarked
package io.rung.broker.sys;

import org.jspecify.annotations.NullMarked;
