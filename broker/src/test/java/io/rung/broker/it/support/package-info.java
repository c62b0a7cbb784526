/** Test support for broker integration tests: a broker extension, client factories, a raw-bytes client and tools. */
@org.jspecify.annotations.NullMarked
package io.rung.broker.it.support;
