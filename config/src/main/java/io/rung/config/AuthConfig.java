package io.rung.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@code broker.auth}: who may connect, and what they may read and write. */
public record AuthConfig(boolean anonymous, Optional<Path> passwordFile, List<AclRuleConfig> acl) {
    public AuthConfig {
        acl = List.copyOf(acl);
    }

    /** Anyone may connect and use every topic: for tests and closed networks only. */
    public static AuthConfig allowAnonymous() {
        return new AuthConfig(true, Optional.empty(), List.of());
    }
}
