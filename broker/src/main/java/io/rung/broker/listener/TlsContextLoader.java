package io.rung.broker.listener;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.rung.config.TlsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;

/** Builds a listener's server-side TLS context from its PEM files: JDK provider, TLS 1.2 and 1.3 only. */
final class TlsContextLoader {
    /** TLS 1.0 and 1.1 are broken and refused, as DESIGN.md says: "TLS 1.2+ only". */
    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private TlsContextLoader() {}

    /** A file's modification time and size when it was last looked at; a missing file has size -1. */
    record FileStamp(FileTime modified, long size) {}

    /** One successful load: the context, the server certificate, the client CAs and the files' stamps. */
    record Loaded(
            SslContext context,
            X509Certificate certificate,
            List<X509Certificate> clientCas,
            Map<Path, FileStamp> stamps) {}

    /** The current stamps of every file the config names. */
    static Map<Path, FileStamp> stamps(TlsConfig config) {
        Map<Path, FileStamp> stamps = new LinkedHashMap<>();
        stamps.put(config.cert(), stamp(config.cert()));
        stamps.put(config.key(), stamp(config.key()));
        config.clientCa().ifPresent(ca -> stamps.put(ca, stamp(ca)));
        return stamps;
    }

    private static FileStamp stamp(Path file) {
        try {
            // follows symbolic links, so a renewed Let's Encrypt live/ link counts as a change
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileStamp(a.lastModifiedTime(), a.size());
        } catch (IOException e) {
            return new FileStamp(FileTime.fromMillis(0), -1);
        }
    }

    static Loaded load(TlsConfig config) throws TlsException {
        Map<Path, FileStamp> stamps = stamps(config); // before reading: a change while we read is seen next time
        List<X509Certificate> chain = PemFiles.certificates(config.cert(), "certificate file");
        PrivateKey key = PrivateKeys.read(config.key(), config.keyPassword());
        PrivateKeys.checkPair(key, chain.get(0), config.key(), config.cert());
        SslContextBuilder builder = SslContextBuilder.forServer(key, chain)
                .sslProvider(SslProvider.JDK)
                .protocols(PROTOCOLS);
        List<X509Certificate> clientCas = List.of();
        if (config.clientCa().isPresent()) {
            clientCas = PemFiles.certificates(config.clientCa().get(), "clientCa file");
            builder.trustManager(clientCas).clientAuth(ClientAuth.REQUIRE);
        }
        try {
            return new Loaded(builder.build(), chain.get(0), clientCas, stamps);
        } catch (SSLException | IllegalArgumentException e) {
            throw new TlsException(
                    "cannot set up TLS with " + config.cert() + " and " + config.key() + ": " + e.getMessage(), e);
        }
    }
}
