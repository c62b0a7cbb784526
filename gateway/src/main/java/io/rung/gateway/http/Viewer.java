package io.rung.gateway.http;

import io.rung.broker.auth.Acl;
import io.rung.broker.auth.Identity;
import java.util.Optional;

/**
 * Who makes an API request: a session's user or an HTTP Basic user; empty user = anonymous (only possible with
 * {@code anonymous: true}). Its ACL rights are those of the same user over MQTT.
 *
 * @param sessionId the session the request came with; empty for HTTP Basic
 */
record Viewer(Optional<String> user, Optional<String> sessionId) {
    Identity identity() {
        return user.map(u -> Identity.user(u, CommandSender.CLIENT_PREFIX + u))
                .orElseGet(() -> Identity.anonymous(CommandSender.CLIENT_PREFIX + "anonymous"));
    }

    boolean mayRead(Acl acl, String topic) {
        return acl.mayReceive(identity(), topic);
    }
}
