package io.rung.broker.listener;

import io.rung.config.TlsConfig;

/**
 * Checks a listener's TLS files without starting anything, for {@code rung check} and {@code rung doctor}: the
 * same loading the broker does at start.
 *
 * <pre>{@code
 * String summary = TlsFiles.check(listener.tls().get());   // "for broker.example.com, issued by 'R11', valid ..."
 * }</pre>
 */
public final class TlsFiles {
    private TlsFiles() {}

    /**
     * Loads the certificate chain, the key (and the client CA) and checks that the key belongs to the certificate.
     *
     * @return what the certificate is for, who issued it and how long it is valid
     * @throws TlsException with a plain-words reason, such as "key file certs/server.key is encrypted, but no
     *     keyPassword is set"
     */
    public static String check(TlsConfig config) throws TlsException {
        return CertificateFacts.summary(TlsContextLoader.load(config).certificate());
    }
}
