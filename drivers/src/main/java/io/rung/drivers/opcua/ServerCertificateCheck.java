package io.rung.drivers.opcua;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.DefaultClientCertificateValidator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether Rung trusts a server's certificate: against {@code pki/trusted} and {@code pki/issuers} (untrusted
 * ones go to {@code pki/rejected}), or, with {@code trustAll: true}, everything, with a warning.
 */
final class ServerCertificateCheck implements CertificateValidator {
    private static final Logger LOG = LoggerFactory.getLogger(ServerCertificateCheck.class);

    private final String device;
    private final boolean trustAll;
    private final RejectedFolder rejected;
    private final CertificateValidator strict;
    private final AtomicBoolean warned = new AtomicBoolean();

    ServerCertificateCheck(String device, boolean trustAll, TrustFolder trust, RejectedFolder rejected) {
        this.device = device;
        this.trustAll = trustAll;
        this.rejected = rejected;
        this.strict = new DefaultClientCertificateValidator(trust, rejected);
    }

    @Override
    public void validateCertificateChain(
            List<X509Certificate> chain, @Nullable String applicationUri, @Nullable String[] validHostNames)
            throws UaException {
        if (trustAll) {
            if (warned.compareAndSet(false, true)) {
                LOG.warn(
                        "Device {} trusts any server certificate (trustAll: true); "
                                + "use this for commissioning only.",
                        device);
            }
            return;
        }
        strict.validateCertificateChain(chain, applicationUri, validHostNames);
    }

    RejectedFolder rejected() {
        return rejected;
    }
}
