package io.rung.config;

/** A password or key password: its {@code toString} never shows the value, so it cannot leak into logs. */
public record Secret(String value) {
    @Override
    public String toString() {
        return "****";
    }
}
