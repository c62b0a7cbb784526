package io.rung.broker.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitialPasswordTest {
    @TempDir
    Path dir;

    private static String passwordOf(InitialPassword initial) {
        return initial.consoleLine().orElseThrow().substring("user admin, password ".length());
    }

    @Test
    void firstStartCreatesAdminWithARandomPasswordInPrivateFiles() throws Exception {
        Path data = dir.resolve("data");

        InitialPassword initial = InitialPassword.prepare(data);

        assertThat(initial.consoleLine()).get().asString().matches("user admin, password [A-Za-z0-9]{16}");
        assertThat(initial.passwordFile()).isEqualTo(data.resolve("passwd"));
        Path stored = data.resolve("initial-password");
        assertThat(Files.readString(stored, UTF_8).strip()).isEqualTo(passwordOf(initial));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stored)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(initial.passwordFile())))
                .isEqualTo("rw-------");
        assertThat(PasswordFile.load(initial.passwordFile())
                        .verify("admin", passwordOf(initial).getBytes(UTF_8)))
                .isTrue();
    }

    @Test
    void laterStartsShowTheSamePasswordWhileTheFileExists() throws Exception {
        InitialPassword first = InitialPassword.prepare(dir);

        InitialPassword second = InitialPassword.prepare(dir);

        assertThat(second.consoleLine()).isEqualTo(first.consoleLine());
    }

    @Test
    void deletedInitialPasswordIsNotCreatedAgain() throws Exception {
        InitialPassword first = InitialPassword.prepare(dir);
        Files.delete(dir.resolve("initial-password"));

        InitialPassword second = InitialPassword.prepare(dir);

        assertThat(second.consoleLine()).isEmpty();
        assertThat(dir.resolve("initial-password")).doesNotExist();
        assertThat(PasswordFile.load(second.passwordFile())
                        .verify("admin", passwordOf(first).getBytes(UTF_8)))
                .isTrue();
    }

    @Test
    void changedAdminPasswordIsNotShownAnyMore() throws Exception {
        InitialPassword.prepare(dir);
        PasswordFile.addOrUpdate(dir.resolve("passwd"), "admin", "mine".getBytes(UTF_8));

        assertThat(InitialPassword.prepare(dir).consoleLine()).isEmpty();
    }

    @Test
    void passwordsDifferBetweenInstallations() throws Exception {
        String a = passwordOf(InitialPassword.prepare(dir.resolve("a")));
        String b = passwordOf(InitialPassword.prepare(dir.resolve("b")));

        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void toStringNeverShowsThePassword() throws Exception {
        InitialPassword initial = InitialPassword.prepare(dir);

        assertThat(initial.toString()).doesNotContain(passwordOf(initial));
    }

    @Test
    void authenticatorAcceptsTheGeneratedAdminAndRefusesAnonymous() throws Exception {
        InitialPassword initial = InitialPassword.prepare(dir);
        PasswordAuthenticator auth = new PasswordAuthenticator(initial.authConfig(), new TokenStore());
        InetSocketAddress from = new InetSocketAddress("127.0.0.1", 40000);

        AuthResult admin = auth.authenticate(new Credentials(
                "c",
                Optional.of("admin"),
                Optional.of(passwordOf(initial).getBytes(UTF_8)),
                Optional.empty(),
                from,
                "tcp:1883"));
        AuthResult anon = auth.authenticate(
                new Credentials("c", Optional.empty(), Optional.empty(), Optional.empty(), from, "tcp:1883"));

        assertThat(admin).isEqualTo(new AuthResult.Accepted(Identity.user("admin", "c")));
        assertThat(anon)
                .extracting(r -> ((AuthResult.Refused) r).reason())
                .isEqualTo(AuthResult.Reason.ANONYMOUS_NOT_ALLOWED);
    }
}
