package io.rung.config;

import java.util.Optional;

/** The {@code http:} section (dashboard, REST, metrics, health); absent ⇒ no HTTP. */
public record HttpConfig(int port, Optional<String> bind, Optional<String> publicHost, Optional<TlsConfig> tls) {
    public static HttpConfig onPort(int port) {
        return new HttpConfig(port, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
