package io.rung.gateway.doctor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How the client probe connects.
 *
 * @param caFile a CA certificate (PEM) to trust instead of the system's CAs
 * @param insecure accept any server certificate (the TLS step then only reports what it saw)
 * @param topic where the subscribe/publish round trip goes; the user must be allowed to read and write it
 * @param timeout for each network step
 */
public record ProbeOptions(
        Optional<String> user,
        Optional<byte[]> password,
        Optional<Path> caFile,
        boolean insecure,
        String topic,
        Duration timeout) {}
