package io.rung.broker.bridge;

import java.nio.charset.StandardCharsets;

/**
 * The bridge's retained status at {@code statusTopic} on the remote: {@code {"state":"online","ts":…}} after
 * connecting, {@code {"state":"offline","ts":…}} before a clean disconnect, and the will {@code {"state":"offline"}}
 * for a lost link.
 */
final class StatusPayload {
    private StatusPayload() {}

    static byte[] online() {
        return json("online", System.currentTimeMillis());
    }

    static byte[] offline() {
        return json("offline", System.currentTimeMillis());
    }

    static byte[] offlineWill() {
        return "{\"state\":\"offline\"}".getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] json(String state, long ts) {
        return ("{\"state\":\"" + state + "\",\"ts\":" + ts + "}").getBytes(StandardCharsets.UTF_8);
    }
}
