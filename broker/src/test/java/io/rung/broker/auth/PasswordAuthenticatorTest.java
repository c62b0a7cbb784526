package io.rung.broker.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rung.config.AuthConfig;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordAuthenticatorTest {
    private static final InetSocketAddress HOST_A = new InetSocketAddress("127.0.0.1", 50001);
    private static final InetSocketAddress HOST_B = new InetSocketAddress("127.0.0.2", 50002);

    @TempDir
    Path dir;

    private Path file;
    private final TestClock clock = new TestClock();
    private final TokenStore tokens = new TokenStore(clock);

    @BeforeEach
    void users() throws Exception {
        file = dir.resolve("passwd");
        PasswordFile.addOrUpdate(file, "scada", "s3cret".getBytes(UTF_8));
    }

    private PasswordAuthenticator authenticator(boolean anonymous) throws PasswordFileException {
        return new PasswordAuthenticator(new AuthConfig(anonymous, Optional.of(file), List.of()), tokens, clock);
    }

    private static Credentials login(String user, String password, InetSocketAddress from) {
        return new Credentials(
                "c1", Optional.of(user), Optional.of(password.getBytes(UTF_8)), Optional.empty(), from, "tcp:1883");
    }

    private static Credentials anonymous() {
        return new Credentials("c1", Optional.empty(), Optional.empty(), Optional.empty(), HOST_A, "tcp:1883");
    }

    @Test
    void rightPasswordGivesVerifiedUser() throws Exception {
        assertThat(authenticator(false).authenticate(login("scada", "s3cret", HOST_A)))
                .isEqualTo(new AuthResult.Accepted(Identity.user("scada", "c1")));
    }

    @Test
    void wrongPasswordAndUnknownUserAreRefusedInPlainWords() throws Exception {
        PasswordAuthenticator auth = authenticator(false);

        assertThat(auth.authenticate(login("scada", "guess", HOST_A)))
                .isEqualTo(new AuthResult.Refused(AuthResult.Reason.WRONG_PASSWORD, "wrong password for user 'scada'"));
        assertThat(auth.authenticate(login("x", "s3cret", HOST_A)))
                .isEqualTo(new AuthResult.Refused(AuthResult.Reason.UNKNOWN_USER, "unknown user 'x'"));
        assertThat(auth.authenticate(new Credentials(
                        "c1", Optional.of("scada"), Optional.empty(), Optional.empty(), HOST_A, "tcp:1883")))
                .isEqualTo(
                        new AuthResult.Refused(AuthResult.Reason.WRONG_PASSWORD, "no password given for user 'scada'"));
    }

    @Test
    void anonymousIsRefusedUnlessAllowed() throws Exception {
        assertThat(authenticator(false).authenticate(anonymous()))
                .isEqualTo(
                        new AuthResult.Refused(
                                AuthResult.Reason.ANONYMOUS_NOT_ALLOWED,
                                "anonymous access is not allowed (no user name given; set broker.auth.anonymous: true to allow it)"));
        assertThat(authenticator(true).authenticate(anonymous()))
                .isEqualTo(new AuthResult.Accepted(Identity.anonymous("c1")));
    }

    @Test
    void anonymousAllowedStillChecksGivenPasswords() throws Exception {
        assertThat(authenticator(true).authenticate(login("scada", "guess", HOST_A)))
                .isInstanceOf(AuthResult.Refused.class);
    }

    @Test
    void clientCertificateUserIsAcceptedAsThatUser() throws Exception {
        Credentials cert =
                new Credentials("c1", Optional.empty(), Optional.empty(), Optional.of("plc-gw"), HOST_A, "tls:8883");

        assertThat(authenticator(false).authenticate(cert))
                .isEqualTo(new AuthResult.Accepted(Identity.user("plc-gw", "c1")));
    }

    @Test
    void tokenIsThatUsersPasswordUntilItExpires() throws Exception {
        PasswordAuthenticator auth = authenticator(false);
        String token = tokens.issue("scada", Duration.ofMinutes(5));

        assertThat(auth.authenticate(login("scada", token, HOST_A))).isInstanceOf(AuthResult.Accepted.class);
        assertThat(auth.authenticate(login("other", token, HOST_B))).isInstanceOf(AuthResult.Refused.class);
        clock.advance(Duration.ofMinutes(5));
        assertThat(auth.authenticate(login("scada", token, HOST_A)))
                .isEqualTo(new AuthResult.Refused(AuthResult.Reason.WRONG_PASSWORD, "wrong password for user 'scada'"));
    }

    @Test
    void revokedTokenIsRefused() throws Exception {
        PasswordAuthenticator auth = authenticator(false);
        String token = tokens.issue("scada", Duration.ofMinutes(5));
        tokens.revoke(token);

        assertThat(auth.authenticate(login("scada", token, HOST_A))).isInstanceOf(AuthResult.Refused.class);
    }

    @Test
    void reconnectsWithVerifiedCredentialsSkipTheHash() throws Exception {
        PasswordAuthenticator auth = authenticator(false);

        for (int i = 0; i < 50; i++) {
            assertThat(auth.authenticate(login("scada", "s3cret", HOST_A))).isInstanceOf(AuthResult.Accepted.class);
        }

        assertThat(auth.hashVerifications()).isEqualTo(1);
    }

    @Test
    void changedFileIsReloadedAndDropsTheCache() throws Exception {
        PasswordAuthenticator auth = authenticator(false);
        assertThat(auth.authenticate(login("scada", "s3cret", HOST_A))).isInstanceOf(AuthResult.Accepted.class);

        PasswordFile.addOrUpdate(file, "scada", "n3w".getBytes(UTF_8));
        PasswordFile.addOrUpdate(file, "hmi", "pw".getBytes(UTF_8));

        assertThat(auth.authenticate(login("scada", "s3cret", HOST_A))).isInstanceOf(AuthResult.Refused.class);
        assertThat(auth.authenticate(login("scada", "n3w", HOST_A))).isInstanceOf(AuthResult.Accepted.class);
        assertThat(auth.authenticate(login("hmi", "pw", HOST_A))).isInstanceOf(AuthResult.Accepted.class);
    }

    @Test
    void fileEditedInPlaceIsReloadedToo() throws Exception {
        PasswordAuthenticator auth = authenticator(false);
        assertThat(auth.authenticate(login("scada", "s3cret", HOST_A))).isInstanceOf(AuthResult.Accepted.class);

        Files.writeString(file, "# nobody\n"); // same inode, other size

        assertThat(auth.authenticate(login("scada", "s3cret", HOST_A)))
                .isEqualTo(new AuthResult.Refused(AuthResult.Reason.UNKNOWN_USER, "unknown user 'scada'"));
    }

    @Test
    void brokenFileKeepsTheUsersReadBefore() throws Exception {
        PasswordAuthenticator auth = authenticator(false);

        Files.writeString(file, "garbage\n");

        assertThat(auth.authenticate(login("scada", "s3cret", HOST_A))).isInstanceOf(AuthResult.Accepted.class);
    }

    @Test
    void missingOrMalformedFileFailsAtStart() throws Exception {
        Files.writeString(file, "bob\n");
        assertThatThrownBy(() -> authenticator(false))
                .isInstanceOf(PasswordFileException.class)
                .hasMessage(file + ":1: malformed line (expected user:hash)");
        Files.delete(file);
        assertThatThrownBy(() -> authenticator(false)).hasMessage(file + ": no such file");
    }

    @Test
    void failedLoginsThrottleOnlyThatAddressForAGrowingInterval() throws Exception {
        PasswordAuthenticator auth = authenticator(false);
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            assertThat(auth.authenticate(login("scada", "guess" + i, HOST_A))).isInstanceOf(AuthResult.Refused.class);
        }

        AuthResult throttled = auth.authenticate(login("scada", "s3cret", HOST_A));
        assertThat(throttled)
                .isEqualTo(new AuthResult.Refused(
                        AuthResult.Reason.THROTTLED, "too many failed logins from 127.0.0.1; try again in 10 s"));
        assertThat(auth.authenticate(login("scada", "s3cret", HOST_B))).isInstanceOf(AuthResult.Accepted.class);

        clock.advance(LoginThrottle.FIRST_BLOCK);
        assertThat(auth.authenticate(login("scada", "s3cret", HOST_A))).isInstanceOf(AuthResult.Accepted.class);
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) auth.authenticate(login("x", "y", HOST_A));
        assertThat(auth.authenticate(login("scada", "s3cret", HOST_A)))
                .isEqualTo(new AuthResult.Refused(
                        AuthResult.Reason.THROTTLED, "too many failed logins from 127.0.0.1; try again in 20 s"));
    }

    @Test
    void failuresSpreadOverMoreThanAMinuteAreNotThrottled() throws Exception {
        PasswordAuthenticator auth = authenticator(false);
        for (int i = 0; i < 3 * LoginThrottle.MAX_FAILURES; i++) {
            assertThat(auth.authenticate(login("scada", "guess", HOST_A)))
                    .extracting(r -> ((AuthResult.Refused) r).reason())
                    .isEqualTo(AuthResult.Reason.WRONG_PASSWORD);
            clock.advance(Duration.ofSeconds(20));
        }
    }
}
