package io.rung.broker.listener;

import io.rung.config.Secret;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Reads a private key from PEM: PKCS#8 ({@code BEGIN PRIVATE KEY}, what Let's Encrypt and OpenSSL 3 write),
 * encrypted PKCS#8 ({@code BEGIN ENCRYPTED PRIVATE KEY}, with {@code keyPassword}), PKCS#1 RSA
 * ({@code BEGIN RSA PRIVATE KEY}) and SEC1 EC ({@code BEGIN EC PRIVATE KEY}); and checks it belongs to a certificate.
 */
final class PrivateKeys {
    private static final byte[] RSA_ALGORITHM = HexFormat.of().parseHex("300d06092a864886f70d0101010500");
    private static final byte[] EC_PUBLIC_KEY_OID = HexFormat.of().parseHex("06072a8648ce3d0201");
    private static final byte[] VERSION_0 = {Der.INTEGER, 1, 0};
    private static final List<String> ALGORITHMS = List.of("RSA", "EC", "EdDSA", "RSASSA-PSS");

    private PrivateKeys() {}

    static PrivateKey read(Path file, Optional<Secret> password) throws TlsException {
        for (PemFiles.Block b : PemFiles.blocks(file, "key file")) {
            if (b.legacyEncrypted()) {
                throw new TlsException("key file " + file + " uses OpenSSL's old PEM encryption, which is not "
                        + "supported; convert it: openssl pkcs8 -topk8 -in " + file + " -out key-pkcs8.pem");
            }
            switch (b.type()) {
                case "PRIVATE KEY" -> {
                    return decode(file, b.der());
                }
                case "ENCRYPTED PRIVATE KEY" -> {
                    if (password.isEmpty()) {
                        throw new TlsException("key file " + file + " is encrypted, but no keyPassword is set");
                    }
                    return decode(file, decrypt(file, b.der(), password.get()));
                }
                case "RSA PRIVATE KEY" -> {
                    return decode(
                            file, Der.tlv(Der.SEQUENCE, VERSION_0, RSA_ALGORITHM, Der.tlv(Der.OCTET_STRING, b.der())));
                }
                case "EC PRIVATE KEY" -> {
                    return decode(file, sec1ToPkcs8(file, b.der()));
                }
                default -> {
                    // certificates or EC PARAMETERS next to the key: not the key
                }
            }
        }
        throw new TlsException("key file " + file + " holds no private key (expected -----BEGIN PRIVATE KEY-----)");
    }

    private static PrivateKey decode(Path file, byte[] pkcs8) throws TlsException {
        for (String algorithm : ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException e) {
                // not this algorithm: try the next one
            }
        }
        throw new TlsException("key file " + file + ": the key is not an RSA, EC or EdDSA private key");
    }

    private static byte[] decrypt(Path file, byte[] der, Secret password) throws TlsException {
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            AlgorithmParameters params = info.getAlgParameters();
            // PBES2 names its real cipher in the parameters, such as PBEWithHmacSHA256AndAES_256
            String cipher =
                    info.getAlgName().equals("PBES2") || info.getAlgName().equals("1.2.840.113549.1.5.13")
                            ? params.toString()
                            : info.getAlgName();
            var key = SecretKeyFactory.getInstance(cipher)
                    .generateSecret(new PBEKeySpec(password.value().toCharArray()));
            Cipher c = Cipher.getInstance(cipher);
            c.init(Cipher.DECRYPT_MODE, key, params);
            return info.getKeySpec(c).getEncoded();
        } catch (java.security.spec.InvalidKeySpecException e) {
            throw new TlsException("key file " + file + " cannot be decrypted: wrong keyPassword", e);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new TlsException(
                    "key file " + file + " cannot be decrypted (" + e.getMessage()
                            + "); re-encrypt it: openssl pkcs8 -topk8 -v2 aes-256-cbc -in KEY -out " + file,
                    e);
        }
    }

    /** SEC1 {@code ECPrivateKey} carries its curve in {@code [0]}; PKCS#8 wants it in the algorithm identifier. */
    private static byte[] sec1ToPkcs8(Path file, byte[] sec1) throws TlsException {
        byte[] curve = null;
        for (Der.Element e : Der.sequence(sec1)) {
            if (e.tag() == Der.CONTEXT_0) curve = e.content();
        }
        if (curve == null) throw new TlsException("key file " + file + ": the EC key does not name its curve");
        byte[] algorithm = Der.tlv(Der.SEQUENCE, EC_PUBLIC_KEY_OID, curve);
        return Der.tlv(Der.SEQUENCE, VERSION_0, algorithm, Der.tlv(Der.OCTET_STRING, sec1));
    }

    /** Fails unless {@code key} signs what the certificate's public key verifies. */
    static void checkPair(PrivateKey key, X509Certificate cert, Path keyFile, Path certFile) throws TlsException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> key.getAlgorithm();
            default -> null;
        };
        if (algorithm == null) return;
        byte[] probe = "rung key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        boolean matches;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(probe);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw new TlsException("the key in " + keyFile + " does not belong to the certificate in " + certFile + " ("
                    + cert.getSubjectX500Principal().getName() + ")");
        }
    }
}
