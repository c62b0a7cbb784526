package io.rung.drivers.opcua;

import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Registers the Bouncy Castle security provider once: Milo needs it for the RSA-PSS signatures of
 * Aes256_Sha256_RsaPss, which the JDK's own providers do not offer under the name Milo asks for.
 */
public final class CryptoProvider {
    private CryptoProvider() {}

    /** Adds Bouncy Castle to the JVM's providers unless it is already there; idempotent and thread-safe. */
    public static synchronized void ensureRegistered() {
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }
}
