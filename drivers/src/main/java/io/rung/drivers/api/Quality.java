package io.rung.drivers.api;

/** How far a sample can be trusted: published as {@code good}, {@code stale} or {@code bad}. */
public enum Quality {
    GOOD,
    STALE,
    BAD
}
