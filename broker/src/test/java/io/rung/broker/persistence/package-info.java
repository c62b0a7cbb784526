/** Durability tests: the MVStore-backed broker killed and restarted, in a child JVM or in process. */
@org.jspecify.annotations.NullMarked
package io.rung.broker.persistence;
