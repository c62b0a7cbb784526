package io.rung.broker.auth;

import io.rung.config.AuthConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

/**
 * Secure by default: without an {@code auth} section the first start creates {@code <data>/passwd} with user
 * {@code admin} and a random password, kept in {@code <data>/initial-password} (mode 0600) so the console can show it at
 * every start until the user deletes that file. The console line goes to the console only, never to a logger.
 *
 * <pre>{@code
 * InitialPassword initial = InitialPassword.prepare(config.persistence().dir());
 * initial.consoleLine().ifPresent(System.out::println);      // in the CLI
 * Authenticator authenticator = new PasswordAuthenticator(initial.authConfig(), tokens);
 * }</pre>
 */
public final class InitialPassword {
    public static final String USER = "admin";
    public static final String PASSWORD_FILE = "passwd";
    public static final String INITIAL_PASSWORD_FILE = "initial-password";
    static final int LENGTH = 16;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path passwordFile;
    private final Optional<String> consoleLine;

    private InitialPassword(Path passwordFile, Optional<String> consoleLine) {
        this.passwordFile = passwordFile;
        this.consoleLine = consoleLine;
    }

    /**
     * Creates {@code <dataDir>/passwd} and {@code <dataDir>/initial-password} when there is no password file yet;
     * otherwise reads {@code initial-password} if it is still there. A deleted {@code initial-password} is never
     * created again.
     */
    public static InitialPassword prepare(Path dataDir) throws PasswordFileException {
        Path passwd = dataDir.resolve(PASSWORD_FILE);
        Path initial = dataDir.resolve(INITIAL_PASSWORD_FILE);
        if (!Files.exists(passwd)) {
            String password = generate();
            try {
                PrivateFile.write(initial, password + "\n"); // first, so a crash never leaves a password nobody knows
            } catch (IOException e) {
                throw new PasswordFileException(initial + ": cannot write (" + e.getMessage() + ")", e);
            }
            PasswordFile.empty(passwd)
                    .withPassword(USER, password.getBytes(StandardCharsets.UTF_8))
                    .save();
            return new InitialPassword(passwd, Optional.of(line(password)));
        }
        if (!Files.exists(initial)) return new InitialPassword(passwd, Optional.empty());
        String password;
        try {
            password = Files.readString(initial, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new PasswordFileException(initial + ": cannot read (" + e.getMessage() + ")", e);
        }
        // Once the admin password was changed the old one would only mislead, so it is not shown.
        boolean current = PasswordFile.load(passwd).verify(USER, password.getBytes(StandardCharsets.UTF_8));
        return new InitialPassword(passwd, current ? Optional.of(line(password)) : Optional.empty());
    }

    /** The password file to authenticate against. */
    public Path passwordFile() {
        return passwordFile;
    }

    /**
     * {@code user admin, password <pw>} while {@code initial-password} exists and still holds admin's password; for the
     * console only.
     */
    public Optional<String> consoleLine() {
        return consoleLine;
    }

    /** {@code auth} settings for the generated file: no anonymous access, no ACL. */
    public AuthConfig authConfig() {
        return new AuthConfig(false, Optional.of(passwordFile), List.of());
    }

    @Override
    public String toString() {
        return "InitialPassword[" + passwordFile + "]"; // never the password
    }

    static String generate() {
        StringBuilder sb = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        return sb.toString();
    }

    private static String line(String password) {
        return "user " + USER + ", password " + password;
    }
}
