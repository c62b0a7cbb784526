package io.rung.broker.auth;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A mosquitto_passwd file: one {@code user:hash} line per user, {@code #} comments and blank lines kept as they are.
 * New passwords are written as {@code $7$} PBKDF2-SHA512 with {@value PasswordHash#DEFAULT_ITERATIONS} iterations,
 * which mosquitto reads too; {@code $6$} lines written by older mosquitto_passwd verify as well. Instances are
 * immutable snapshots; {@link #save()} writes atomically with mode 0600.
 *
 * <pre>{@code
 * PasswordFile.addOrUpdate(Path.of("passwd"), "scada", password);   // rung passwd passwd scada
 * PasswordFile.delete(Path.of("passwd"), "scada");                   // rung passwd -D passwd scada
 * }</pre>
 */
public final class PasswordFile {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path path;
    private final List<String> lines; // the file as read, one entry per line, without line ends
    private final Map<String, Integer> lineOfUser; // user -> index into lines
    private final Map<String, PasswordHash> hashes;

    private PasswordFile(
            Path path, List<String> lines, Map<String, Integer> lineOfUser, Map<String, PasswordHash> hashes) {
        this.path = path;
        this.lines = List.copyOf(lines);
        this.lineOfUser = Collections.unmodifiableMap(lineOfUser);
        this.hashes = Collections.unmodifiableMap(hashes);
    }

    /** Reads {@code file}; a missing file is an error. */
    public static PasswordFile load(Path file) throws PasswordFileException {
        List<String> raw;
        try {
            raw = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new PasswordFileException(file + ": no such file", e);
        } catch (CharacterCodingException e) {
            throw new PasswordFileException(file + ": not a text file (must be UTF-8)", e);
        } catch (IOException e) {
            throw new PasswordFileException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        return parse(file, raw);
    }

    /** Reads {@code file}, or starts an empty one (not yet written) when there is none. */
    public static PasswordFile loadOrEmpty(Path file) throws PasswordFileException {
        return Files.exists(file) ? load(file) : empty(file);
    }

    /** A file without users, not yet written. */
    static PasswordFile empty(Path file) {
        return new PasswordFile(file, List.of(), Map.of(), Map.of());
    }

    /**
     * Sets {@code user}'s password in {@code file}, creating the file when missing; other lines stay as they are.
     *
     * @return true when the user was added, false when an existing user's password was replaced
     */
    public static boolean addOrUpdate(Path file, String user, byte[] password) throws PasswordFileException {
        PasswordFile current = loadOrEmpty(file);
        boolean added = !current.contains(user);
        current.withPassword(user, password).save();
        return added;
    }

    /** Removes {@code user} from {@code file}; a missing file or an unknown user is an error. */
    public static void delete(Path file, String user) throws PasswordFileException {
        load(file).withoutUser(user).save();
    }

    static PasswordFile parse(Path file, List<String> raw) throws PasswordFileException {
        Map<String, Integer> lineOfUser = new LinkedHashMap<>();
        Map<String, PasswordHash> hashes = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            lines.add(raw.get(i)); // kept as found, so saving changes only the lines of changed users
            String line = raw.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String where = file + ":" + (i + 1) + ": ";
            int colon = line.indexOf(':');
            if (colon <= 0 || colon == line.length() - 1) {
                throw new PasswordFileException(where + "malformed line (expected user:hash)");
            }
            String user = line.substring(0, colon);
            Integer earlier = lineOfUser.put(user, i);
            if (earlier != null) {
                throw new PasswordFileException(
                        where + "user '" + user + "' appears twice (first on line " + (earlier + 1) + ")");
            }
            try {
                hashes.put(user, PasswordHash.parse(line.substring(colon + 1)));
            } catch (IllegalArgumentException e) {
                throw new PasswordFileException(where + e.getMessage() + " for user '" + user + "'", e);
            }
        }
        return new PasswordFile(file, lines, lineOfUser, hashes);
    }

    public Path path() {
        return path;
    }

    /** The user names, in file order. */
    public Set<String> users() {
        return lineOfUser.keySet();
    }

    public boolean contains(String user) {
        return hashes.containsKey(user);
    }

    /** True when {@code user} exists and {@code password} is theirs; takes milliseconds for {@code $7$} lines. */
    public boolean verify(String user, byte[] password) {
        PasswordHash hash = hashes.get(user);
        return hash != null && hash.verify(password);
    }

    /** A copy with {@code user}'s password set (added at the end when new, replaced in place otherwise). */
    public PasswordFile withPassword(String user, byte[] password) throws PasswordFileException {
        checkUserName(user);
        if (password.length == 0) throw new PasswordFileException("password for user '" + user + "' must not be empty");
        PasswordHash hash = PasswordHash.pbkdf2(password, RANDOM);
        List<String> newLines = new ArrayList<>(lines);
        Map<String, Integer> newLineOfUser = new LinkedHashMap<>(lineOfUser);
        Map<String, PasswordHash> newHashes = new LinkedHashMap<>(hashes);
        String line = user + ":" + hash.encode();
        Integer index = lineOfUser.get(user);
        if (index == null) {
            newLineOfUser.put(user, newLines.size());
            newLines.add(line);
        } else {
            newLines.set(index, line);
        }
        newHashes.put(user, hash);
        return new PasswordFile(path, newLines, newLineOfUser, newHashes);
    }

    /** A copy without {@code user}; an unknown user is an error. */
    public PasswordFile withoutUser(String user) throws PasswordFileException {
        Integer index = lineOfUser.get(user);
        if (index == null) throw new PasswordFileException(path + ": no user '" + user + "' to delete");
        List<String> newLines = new ArrayList<>(lines);
        newLines.remove((int) index);
        Map<String, Integer> newLineOfUser = new LinkedHashMap<>();
        lineOfUser.forEach((u, i) -> {
            if (i < index) newLineOfUser.put(u, i);
            else if (i > index) newLineOfUser.put(u, i - 1);
        });
        Map<String, PasswordHash> newHashes = new LinkedHashMap<>(hashes);
        newHashes.remove(user);
        return new PasswordFile(path, newLines, newLineOfUser, newHashes);
    }

    /** Writes this content to {@link #path()}: temporary file, then rename; mode 0600. */
    public void save() throws PasswordFileException {
        StringBuilder text = new StringBuilder();
        for (String line : lines) text.append(line).append('\n');
        try {
            PrivateFile.write(path, text.toString());
        } catch (IOException e) {
            throw new PasswordFileException(path + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    /** The hash stored for {@code user}, for the authenticator. */
    Optional<PasswordHash> hash(String user) {
        return Optional.ofNullable(hashes.get(user));
    }

    static void checkUserName(String user) throws PasswordFileException {
        if (user.isEmpty()) throw new PasswordFileException("user name must not be empty");
        if (user.indexOf(':') >= 0)
            throw new PasswordFileException("user name must not contain ':' (was '" + user + "')");
        if (!user.equals(user.strip())) {
            throw new PasswordFileException("user name must not start or end with a space (was '" + user + "')");
        }
        if (user.startsWith("#"))
            throw new PasswordFileException("user name must not start with '#' (was '" + user + "')");
        if (user.chars().anyMatch(Character::isISOControl)) {
            throw new PasswordFileException("user name must not contain control characters");
        }
    }
}
