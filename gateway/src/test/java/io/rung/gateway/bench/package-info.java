/** Benchmarks of the whole gateway; run by the scripts under {@code bench/}, not tests. */
@org.jspecify.annotations.NullMarked
package io.rung.gateway.bench;
