package io.rung.config;

/**
 * One {@code acl} rule; the first rule whose user and topic match decides.
 *
 * @param user a user name, {@code *} for anyone (anonymous too), or {@code bridge:<name>}
 * @param topic a topic filter; may contain {@code %u} (user name) and {@code %c} (client id)
 */
public record AclRuleConfig(String user, String topic, Access access) {
    /** What a rule grants: read = subscribe and receive, write = publish. */
    public enum Access {
        READ,
        WRITE,
        READWRITE,
        DENY;

        public boolean mayRead() {
            return this == READ || this == READWRITE;
        }

        public boolean mayWrite() {
            return this == WRITE || this == READWRITE;
        }
    }
}
