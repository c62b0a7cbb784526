package io.rung.gateway.doctor;

import io.rung.broker.auth.InitialPassword;
import io.rung.broker.auth.PasswordFile;
import io.rung.broker.auth.PasswordFileException;
import io.rung.config.AuthConfig;
import io.rung.config.RungConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The auth part of the server checks: anonymous on or off, the users present, the ACL. */
final class AuthCheck {
    private static final String SUBJECT = "auth";
    private final RungConfig config;
    private final List<Finding> out;

    AuthCheck(RungConfig config, List<Finding> out) {
        this.config = config;
        this.out = out;
    }

    void run() {
        Optional<AuthConfig> auth = config.broker().auth();
        if (auth.isEmpty()) {
            Path generated = config.broker().persistence().dir().resolve(InitialPassword.PASSWORD_FILE);
            if (Files.exists(generated)) users(generated, false);
            else
                out.add(Finding.info(
                        SUBJECT,
                        "no auth section: the first start creates user admin with a random " + "password in "
                                + config.broker().persistence().dir().resolve(InitialPassword.INITIAL_PASSWORD_FILE)));
            out.add(Finding.ok(SUBJECT, "anonymous clients are refused"));
            return;
        }
        AuthConfig a = auth.get();
        if (a.anonymous()) {
            out.add(Finding.warn(
                    SUBJECT,
                    "anonymous: true: anyone who reaches a listener may connect"
                            + (a.acl().isEmpty() ? " and read and write every topic, PLC commands included" : ""),
                    "set anonymous: false and give each client a user (rung passwd FILE USER)"));
        } else {
            out.add(Finding.ok(SUBJECT, "anonymous clients are refused"));
        }
        if (a.passwordFile().isPresent()) users(a.passwordFile().get(), a.anonymous());
        else if (!a.anonymous()) {
            out.add(Finding.fail(
                    SUBJECT,
                    "no passwordFile and anonymous: false: nobody can log in",
                    "add passwordFile: passwd and create users with 'rung passwd passwd USER'"));
        }
        if (a.acl().isEmpty()) {
            out.add(Finding.warn(
                    SUBJECT,
                    "no acl: every client that may connect may write every /set command topic",
                    "add acl rules (see docs/config.md)"));
        } else {
            out.add(Finding.ok(SUBJECT, a.acl().size() + " acl rules"));
        }
    }

    private void users(Path file, boolean anonymous) {
        try {
            PasswordFile users = PasswordFile.load(file);
            if (users.users().isEmpty() && !anonymous) {
                out.add(Finding.fail(
                        SUBJECT, file + " has no users: nobody can log in", "rung passwd " + file + " USER"));
            } else {
                out.add(Finding.ok(
                        SUBJECT, users.users().size() + " users in " + file + ": " + String.join(", ", users.users())));
            }
        } catch (PasswordFileException e) {
            out.add(Finding.fail(
                    SUBJECT, "password file: " + e.getMessage(), "create it with 'rung passwd " + file + " USER'"));
        }
    }
}
