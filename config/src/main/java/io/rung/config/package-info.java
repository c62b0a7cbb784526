/** The YAML model of the whole product: immutable records, loading and validation. */
@NullMarked
package io.rung.config;

import org.jspecify.annotations.NullMarked;
