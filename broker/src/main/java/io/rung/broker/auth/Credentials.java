package io.rung.broker.auth;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * What a CONNECT presents for authentication.
 *
 * @param certificateUser the client certificate's CN when the listener has {@code useCertificateAsUsername}
 * @param listener the listener's name for messages, such as {@code tcp:1883}
 */
public record Credentials(
        String clientId,
        Optional<String> username,
        Optional<byte[]> password,
        Optional<String> certificateUser,
        InetSocketAddress remote,
        String listener) {}
