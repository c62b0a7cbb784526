package io.rung.broker.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordFileTest {
    @TempDir
    Path dir;

    private static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    @Test
    void fileWrittenByMosquittoPasswdVerifiesInRung() throws Exception {
        Path file = dir.resolve("passwd");
        assertThat(ExternalCommand.run("mosquitto_passwd", "-c", "-b", file.toString(), "alice", "s3cret")
                        .exitCode())
                .isZero();
        assertThat(ExternalCommand.run("mosquitto_passwd", "-b", file.toString(), "bob", "hunter2")
                        .exitCode())
                .isZero();
        assertThat(Files.readString(file)).contains("alice:$7$");

        PasswordFile pf = PasswordFile.load(file);

        assertThat(pf.users()).containsExactly("alice", "bob");
        assertThat(pf.verify("alice", b("s3cret"))).isTrue();
        assertThat(pf.verify("bob", b("hunter2"))).isTrue();
        assertThat(pf.verify("alice", b("hunter2"))).isFalse();
        assertThat(pf.verify("carol", b("s3cret"))).isFalse();
    }

    @Test
    void sha512LinesFromOldMosquittoPasswdVerify() throws Exception {
        Path file = dir.resolve("passwd");
        assertThat(ExternalCommand.run("mosquitto_passwd", "-H", "sha512", "-c", "-b", file.toString(), "old", "pw6")
                        .exitCode())
                .isZero();
        assertThat(Files.readString(file)).startsWith("old:$6$");

        PasswordFile pf = PasswordFile.load(file);

        assertThat(pf.verify("old", b("pw6"))).isTrue();
        assertThat(pf.verify("old", b("pw7"))).isFalse();
    }

    @Test
    void fileWrittenByRungIsReadAndEditedByMosquittoPasswd() throws Exception {
        Path file = dir.resolve("passwd");
        PasswordFile.addOrUpdate(file, "alice", b("s3cret"));
        PasswordFile.addOrUpdate(file, "bob", b("hunter2"));

        // mosquitto_passwd parses every line when it rewrites the file, and keeps the lines of other users
        assertThat(ExternalCommand.run("mosquitto_passwd", "-b", file.toString(), "carol", "pw")
                        .exitCode())
                .isZero();
        assertThat(ExternalCommand.run("mosquitto_passwd", "-D", file.toString(), "bob")
                        .exitCode())
                .isZero();

        PasswordFile pf = PasswordFile.load(file);
        assertThat(pf.users()).containsExactly("alice", "carol");
        assertThat(pf.verify("alice", b("s3cret"))).isTrue();
        assertThat(pf.verify("carol", b("pw"))).isTrue();
    }

    @Test
    void writtenLinesUseMosquittoPbkdf2FormatWithAtLeast10000Iterations() throws Exception {
        Path file = dir.resolve("passwd");
        PasswordFile.addOrUpdate(file, "alice", b("s3cret"));

        String line = Files.readString(file).strip();

        assertThat(line).matches("alice:\\$7\\$(\\d+)\\$[A-Za-z0-9+/]{16}\\$[A-Za-z0-9+/]{86}==");
        assertThat(Integer.parseInt(line.split("\\$")[2])).isGreaterThanOrEqualTo(10_000);
    }

    @Test
    void addUpdateAndDeleteKeepOtherUsersAndComments() throws Exception {
        Path file = dir.resolve("passwd");
        Files.writeString(file, "# plant users\n\n");
        assertThat(PasswordFile.addOrUpdate(file, "alice", b("one"))).isTrue();
        assertThat(PasswordFile.addOrUpdate(file, "bob", b("two"))).isTrue();
        String bobLine = Files.readAllLines(file).get(3);

        assertThat(PasswordFile.addOrUpdate(file, "alice", b("three"))).isFalse();
        PasswordFile pf = PasswordFile.load(file);
        assertThat(pf.verify("alice", b("three"))).isTrue();
        assertThat(pf.verify("alice", b("one"))).isFalse();
        assertThat(Files.readAllLines(file))
                .hasSize(4)
                .startsWith("# plant users", "")
                .contains(bobLine);
        assertThat(Files.readAllLines(file).get(2)).startsWith("alice:$7$");

        PasswordFile.delete(file, "alice");
        assertThat(Files.readAllLines(file)).containsExactly("# plant users", "", bobLine);
    }

    @Test
    void writesWithMode0600AndLeavesNoTemporaryFiles() throws Exception {
        Path file = dir.resolve("passwd");
        Files.writeString(file, "");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        PasswordFile.addOrUpdate(file, "alice", b("one"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("passwd");
        }
    }

    @Test
    void addCreatesMissingFileButLoadAndDeleteRefuseIt() throws Exception {
        Path file = dir.resolve("sub/passwd");
        assertThatThrownBy(() -> PasswordFile.load(file))
                .isInstanceOf(PasswordFileException.class)
                .hasMessage(file + ": no such file");
        assertThatThrownBy(() -> PasswordFile.delete(file, "alice"))
                .isInstanceOf(PasswordFileException.class)
                .hasMessage(file + ": no such file");

        PasswordFile.addOrUpdate(file, "alice", b("one"));

        assertThat(PasswordFile.load(file).users()).containsExactly("alice");
    }

    @Test
    void malformedLineIsReportedWithItsLineNumber() throws Exception {
        Path file = dir.resolve("passwd");
        Files.writeString(
                file,
                "# users\nalice:$7$101$r66S6wkhi8T39t9L$RyPR6dgHhOMhnTKrOtD3nUZPSqC1aF6Y0iptS3XC82ZMj5kZeo1w7fGxUfbfTRi2xc0Lw9VfmnnYr1YOFl/TsQ==\nbob\n");

        assertThatThrownBy(() -> PasswordFile.load(file))
                .isInstanceOf(PasswordFileException.class)
                .hasMessage(file + ":3: malformed line (expected user:hash)");
    }

    @Test
    void unknownHashFormatAndDuplicateUsersAreReported() throws Exception {
        Path file = dir.resolve("passwd");
        Files.writeString(file, "alice:plaintext\n");
        assertThatThrownBy(() -> PasswordFile.load(file))
                .hasMessage(
                        file
                                + ":1: unsupported password hash (expected $7$ or $6$ as written by mosquitto_passwd) for user 'alice'");

        Files.writeString(file, "alice:$7$x$AAAA$AAAA\n");
        assertThatThrownBy(() -> PasswordFile.load(file))
                .hasMessage(file + ":1: malformed $7$ hash: iterations must be a number (was 'x') for user 'alice'");

        Path twice = dir.resolve("twice");
        PasswordFile.addOrUpdate(twice, "alice", b("x"));
        String line = Files.readString(twice);
        Files.writeString(twice, line + line);
        assertThatThrownBy(() -> PasswordFile.load(twice))
                .hasMessage(twice + ":2: user 'alice' appears twice (first on line 1)");
    }

    @Test
    void deletingAnUnknownUserIsAnError() throws Exception {
        Path file = dir.resolve("passwd");
        PasswordFile.addOrUpdate(file, "alice", b("one"));

        assertThatThrownBy(() -> PasswordFile.delete(file, "bob"))
                .isInstanceOf(PasswordFileException.class)
                .hasMessage(file + ": no user 'bob' to delete");
        assertThat(PasswordFile.load(file).users()).containsExactly("alice");
    }

    @Test
    void userNamesWithColonOrEmptyPasswordsAreRefused() {
        Path file = dir.resolve("passwd");
        assertThatThrownBy(() -> PasswordFile.addOrUpdate(file, "a:b", b("pw")))
                .isInstanceOf(PasswordFileException.class)
                .hasMessage("user name must not contain ':' (was 'a:b')");
        assertThatThrownBy(() -> PasswordFile.addOrUpdate(file, "", b("pw"))).hasMessage("user name must not be empty");
        assertThatThrownBy(() -> PasswordFile.addOrUpdate(file, "alice", b("")))
                .hasMessage("password for user 'alice' must not be empty");
        assertThat(file).doesNotExist();
    }

    @Test
    void passwordsAreRawBytesLikeMosquittoHashesThem() throws Exception {
        Path file = dir.resolve("passwd");
        PasswordFile.addOrUpdate(file, "jürgen", b("pässwört"));
        assertThat(ExternalCommand.run("mosquitto_passwd", "-b", file.toString(), "zoë", "ünïcode")
                        .exitCode())
                .isZero();

        PasswordFile pf = PasswordFile.load(file);

        assertThat(pf.verify("jürgen", b("pässwört"))).isTrue();
        assertThat(pf.verify("zoë", b("ünïcode"))).isTrue();
        assertThat(pf.verify("zoë", new byte[] {(byte) 0xff})).isFalse();
    }

    @Test
    void sameLinesReadTheSameAfterRoundTrip() throws Exception {
        Path file = dir.resolve("passwd");
        List<String> lines = List.of(
                "# c",
                "alice:$6$JFF3L2PAJ2qYFMD/$Z1nGxQvA6QZZIbiUZREiO8+350rAum4OifiwOl4csy+ZBjxpwvQtmCfgXjqc0HuM7/ZYuD/mzJ+9qxAQc5fPqQ==");
        Files.write(file, lines);

        PasswordFile.load(file).withPassword("bob", b("x")).withoutUser("bob").save();

        assertThat(Files.readAllLines(file)).isEqualTo(lines);
        assertThat(PasswordFile.load(file).verify("alice", b("pw3"))).isTrue(); // made by mosquitto_passwd -H sha512
    }
}
