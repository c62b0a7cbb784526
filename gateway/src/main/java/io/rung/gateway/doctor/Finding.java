package io.rung.gateway.doctor;

import java.util.Optional;

/**
 * One result of the server-side checks.
 *
 * @param subject what was looked at, such as {@code listener mqtt :1883}
 * @param fix what to do, for warnings and failures
 */
public record Finding(Level level, String subject, String text, Optional<String> fix) {
    /** How bad it is; only {@link #FAIL} makes {@code rung doctor} exit 1. */
    public enum Level {
        OK,
        INFO,
        WARN,
        FAIL
    }

    static Finding ok(String subject, String text) {
        return new Finding(Level.OK, subject, text, Optional.empty());
    }

    static Finding info(String subject, String text) {
        return new Finding(Level.INFO, subject, text, Optional.empty());
    }

    static Finding warn(String subject, String text, String fix) {
        return new Finding(Level.WARN, subject, text, Optional.of(fix));
    }

    static Finding fail(String subject, String text, String fix) {
        return new Finding(Level.FAIL, subject, text, Optional.of(fix));
    }
}
