package io.rung.broker.listener;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.util.Optional;

/**
 * The user name a verified client certificate gives a connection (its CN), on listeners with
 * {@code useCertificateAsUsername}; set when the TLS handshake succeeds, read when CONNECT is authenticated.
 */
public final class CertificateUser {
    private static final AttributeKey<String> KEY = AttributeKey.valueOf("rung.certificate-user");

    private CertificateUser() {}

    public static Optional<String> of(Channel channel) {
        return Optional.ofNullable(channel.attr(KEY).get());
    }

    static void set(Channel channel, String user) {
        channel.attr(KEY).set(user);
    }
}
