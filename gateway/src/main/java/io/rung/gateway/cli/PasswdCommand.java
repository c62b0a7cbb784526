package io.rung.gateway.cli;

import io.rung.broker.auth.PasswordFile;
import io.rung.broker.auth.PasswordFileException;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rung passwd}: add, update or delete a user in a mosquitto_passwd-compatible password file. */
@Command(
        name = "passwd",
        description = "Add or update (or with -D delete) a user in a password file ($7$ PBKDF2-SHA512, "
                + "readable by mosquitto too).")
final class PasswdCommand implements Callable<Integer> {
    @Option(names = "-D", description = "Delete the user.")
    boolean delete;

    @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
    boolean passwordStdin;

    @Parameters(index = "0", paramLabel = "FILE", description = "The password file (created if missing).")
    Path file;

    @Parameters(index = "1", paramLabel = "USER", description = "The user name.")
    String user;

    @Mixin
    DebugOption debug = new DebugOption();

    @Override
    public Integer call() {
        try {
            if (delete) {
                PasswordFile.delete(file, user);
                System.out.println("deleted user " + user + " from " + file);
                return ExitCodes.OK;
            }
            char[] password = readPassword();
            byte[] bytes = new String(password).getBytes(StandardCharsets.UTF_8);
            Arrays.fill(password, '\0');
            try {
                boolean added = PasswordFile.addOrUpdate(file, user, bytes);
                System.out.println((added ? "added user " : "updated user ") + user + " in " + file);
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
            return ExitCodes.OK;
        } catch (PasswordFileException e) {
            throw new CliFailure(ExitCodes.USAGE, "rung passwd: " + e.getMessage(), e);
        }
    }

    private char[] readPassword() {
        if (passwordStdin) {
            try {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (line == null || line.isEmpty())
                    throw new CliFailure(ExitCodes.USAGE, "rung passwd: no password on standard input");
                return line.toCharArray();
            } catch (IOException e) {
                throw new CliFailure(
                        ExitCodes.FAILURE, "rung passwd: cannot read standard input: " + e.getMessage(), e);
            }
        }
        Console console = System.console();
        if (console == null) {
            throw new CliFailure(
                    ExitCodes.USAGE, "rung passwd: no terminal to ask for the password; use --password-stdin");
        }
        char[] first = console.readPassword("Password for %s: ", user);
        char[] second = console.readPassword("Repeat the password: ");
        if (first == null || second == null || first.length == 0)
            throw new CliFailure(ExitCodes.USAGE, "rung passwd: empty password");
        if (!Arrays.equals(first, second)) throw new CliFailure(ExitCodes.USAGE, "rung passwd: the passwords differ");
        Arrays.fill(second, '\0');
        return first;
    }
}
