package io.rung.broker.auth;

import io.rung.config.AclRuleConfig;
import org.jspecify.annotations.Nullable;

/**
 * One compiled {@code acl} rule: who it is for, which topics, and whether it grants. {@code user: "*"} matches every
 * identity (anonymous too); {@code bridge:<name>} matches only that bridge; any other name matches only a client
 * verified as that user, so neither a client certificate nor a password file entry can pose as a bridge.
 */
final class AclRule {
    private static final String BRIDGE_PREFIX = "bridge:";

    private final @Nullable String user; // null for "*"
    private final Identity.Kind kind; // USER or BRIDGE; ignored for "*"
    private final TopicPattern topic;
    private final AclRuleConfig.Access access;

    /** @throws IllegalArgumentException naming the rule's position when its user or topic is unusable */
    AclRule(AclRuleConfig config, int index) {
        String where = "acl[" + index + "]";
        String u = config.user();
        if (u.isEmpty()) throw new IllegalArgumentException(where + ".user: must not be empty");
        if (u.startsWith(BRIDGE_PREFIX) && u.length() == BRIDGE_PREFIX.length()) {
            throw new IllegalArgumentException(where + ".user: bridge name missing (was '" + u + "')");
        }
        this.user = u.equals("*") ? null : u;
        this.kind = u.startsWith(BRIDGE_PREFIX) ? Identity.Kind.BRIDGE : Identity.Kind.USER;
        try {
            this.topic = new TopicPattern(config.topic());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ".topic: " + e.getMessage(), e);
        }
        this.access = config.access();
    }

    /** Whether this rule speaks about reading (read, readwrite, deny). */
    boolean coversRead() {
        return access != AclRuleConfig.Access.WRITE;
    }

    /** Whether this rule speaks about writing (write, readwrite, deny). */
    boolean coversWrite() {
        return access != AclRuleConfig.Access.READ;
    }

    /** Whether this rule, once it matches, allows the operation (false for deny). */
    boolean grants() {
        return access != AclRuleConfig.Access.DENY;
    }

    boolean matches(Identity who, String topicOrFilter) {
        String verified =
                who.kind() == Identity.Kind.ANONYMOUS ? null : who.user().orElse(null);
        if (user != null && (who.kind() != kind || !user.equals(verified))) return false;
        return topic.matches(topicOrFilter, verified, who.clientId());
    }

    @Override
    public String toString() {
        return "{user: " + (user == null ? "*" : user) + ", topic: " + topic + ", access: " + access + "}";
    }
}
