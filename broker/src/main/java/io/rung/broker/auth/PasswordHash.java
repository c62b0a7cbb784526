package io.rung.broker.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One user's password hash in a mosquitto_passwd line: {@code $7$<iterations>$<salt>$<hash>} (PBKDF2-HMAC-SHA512,
 * what mosquitto_passwd writes by default) or {@code $6$<salt>$<hash>} (SHA-512 of password and salt, mosquitto 1.6
 * and {@code -H sha512}). Salt and hash are standard base64; the hash is 64 bytes.
 */
sealed interface PasswordHash {
    /** What {@link #pbkdf2} uses; DESIGN asks for at least 10 000, stored in the line so mosquitto reads it too. */
    int DEFAULT_ITERATIONS = 10_000;

    int SALT_BYTES = 12;
    int HASH_BYTES = 64;

    /** True when {@code password} hashes to this value; compares in constant time. */
    boolean verify(byte[] password);

    /** The text after {@code user:} in the file. */
    String encode();

    /** A new {@code $7$} hash of {@code password} with a fresh random salt. */
    static PasswordHash pbkdf2(byte[] password, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new Pbkdf2(DEFAULT_ITERATIONS, salt, Pbkdf2.derive(password, salt, DEFAULT_ITERATIONS));
    }

    /**
     * Parses the hash part of a line.
     *
     * @throws IllegalArgumentException with a plain-words reason when the text is not a hash this class knows
     */
    static PasswordHash parse(String text) {
        String[] parts = text.split("\\$", -1);
        if (parts.length < 2 || !parts[0].isEmpty()) {
            throw new IllegalArgumentException(
                    "unsupported password hash (expected $7$ or $6$ as written by mosquitto_passwd)");
        }
        switch (parts[1]) {
            case "7" -> {
                if (parts.length != 5)
                    throw new IllegalArgumentException("malformed $7$ hash (expected $7$iterations$salt$hash)");
                int iterations;
                try {
                    iterations = Integer.parseInt(parts[2]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            "malformed $7$ hash: iterations must be a number (was '" + parts[2] + "')", e);
                }
                if (iterations < 1)
                    throw new IllegalArgumentException(
                            "malformed $7$ hash: iterations must be >= 1 (was " + iterations + ")");
                return new Pbkdf2(iterations, decode(parts[3], "salt"), hashBytes(parts[4]));
            }
            case "6" -> {
                if (parts.length != 4) throw new IllegalArgumentException("malformed $6$ hash (expected $6$salt$hash)");
                return new SaltedSha512(decode(parts[2], "salt"), hashBytes(parts[3]));
            }
            default ->
                throw new IllegalArgumentException("unsupported password hash $" + parts[1]
                        + "$ (expected $7$ or $6$ as written by mosquitto_passwd)");
        }
    }

    private static byte[] hashBytes(String text) {
        byte[] hash = decode(text, "hash");
        if (hash.length != HASH_BYTES) {
            throw new IllegalArgumentException(
                    "malformed hash: must be " + HASH_BYTES + " bytes (was " + hash.length + ")");
        }
        return hash;
    }

    private static byte[] decode(String text, String what) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed hash: " + what + " is not base64", e);
        }
        if (bytes.length == 0) throw new IllegalArgumentException("malformed hash: empty " + what);
        return bytes;
    }

    /** {@code $7$}: PBKDF2-HMAC-SHA512 with the iteration count stored in the line. */
    record Pbkdf2(int iterations, byte[] salt, byte[] hash) implements PasswordHash {
        @Override
        public boolean verify(byte[] password) {
            return MessageDigest.isEqual(hash, derive(password, salt, iterations));
        }

        @Override
        public String encode() {
            Base64.Encoder b64 = Base64.getEncoder();
            return "$7$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
        }

        /** PBKDF2 (RFC 8018 §5.2) with one 64-byte block, on raw password bytes as mosquitto hashes them. */
        static byte[] derive(byte[] password, byte[] salt, int iterations) {
            try {
                Mac mac = Mac.getInstance("HmacSHA512");
                // HMAC pads short keys with zero bytes, so one zero byte is the same key as an empty password,
                // which SecretKeySpec refuses.
                mac.init(new SecretKeySpec(password.length == 0 ? new byte[1] : password, "HmacSHA512"));
                mac.update(salt);
                mac.update(new byte[] {0, 0, 0, 1});
                byte[] u = mac.doFinal();
                byte[] result = u.clone();
                for (int i = 1; i < iterations; i++) {
                    mac.update(u);
                    mac.doFinal(u, 0);
                    for (int j = 0; j < result.length; j++) result[j] ^= u[j];
                }
                return result;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA512 is missing from this Java runtime", e);
            }
        }
    }

    /** {@code $6$}: SHA-512 over password then salt; verified only, never written. */
    record SaltedSha512(byte[] salt, byte[] hash) implements PasswordHash {
        @Override
        public boolean verify(byte[] password) {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-512");
                sha.update(password);
                sha.update(salt);
                return MessageDigest.isEqual(hash, sha.digest());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("SHA-512 is missing from this Java runtime", e);
            }
        }

        @Override
        public String encode() {
            Base64.Encoder b64 = Base64.getEncoder();
            return "$6$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
        }
    }
}
