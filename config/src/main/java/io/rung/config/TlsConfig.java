package io.rung.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * TLS of a listener or of the HTTP server, from PEM files.
 *
 * @param clientCa set ⇒ mutual TLS: clients must present a certificate signed by this CA
 */
public record TlsConfig(
        Path cert, Path key, Optional<Secret> keyPassword, Optional<Path> clientCa, boolean useCertificateAsUsername) {
    public static TlsConfig of(Path cert, Path key) {
        return new TlsConfig(cert, key, Optional.empty(), Optional.empty(), false);
    }
}
