package io.rung.broker.auth;

import io.rung.config.AclRuleConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code acl} list of {@code broker.auth}: for each operation the first rule whose user and topic match decides,
 * and none matching means denied. Rules are kept per direction: a {@code write} rule says nothing about reading and a
 * {@code read} rule nothing about writing, so {@code scada +/+/+/+/set write} followed by {@code scada # read} lets
 * scada read the set topics too; {@code deny} and {@code readwrite} rules speak for both. Without rules everything is
 * allowed, as {@link Acl#allowAll()}. Trusted identities are always allowed.
 *
 * <p>{@link #maySubscribe} matches the filter as if it were a topic: a wildcard in the filter meets only the same
 * wildcard or a {@code #} in the rule, so {@code building-b/#} read allows {@code building-b/+/x} but {@code a/b}
 * does not allow {@code a/+}. A {@code $share/<group>/} prefix is ignored.
 */
public final class RuleAcl implements Acl {
    private static final String SHARE_PREFIX = "$share/";

    private final AclRule[] readRules;
    private final AclRule[] writeRules;
    private final boolean hasRules;

    /** @throws IllegalArgumentException naming the rule when a topic is not a valid filter or a user is empty */
    public RuleAcl(List<AclRuleConfig> rules) {
        List<AclRule> read = new ArrayList<>();
        List<AclRule> write = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            AclRule rule = new AclRule(rules.get(i), i);
            if (rule.coversRead()) read.add(rule);
            if (rule.coversWrite()) write.add(rule);
        }
        this.readRules = read.toArray(AclRule[]::new);
        this.writeRules = write.toArray(AclRule[]::new);
        this.hasRules = !rules.isEmpty();
    }

    @Override
    public boolean mayPublish(Identity who, String topic) {
        return decide(writeRules, who, topic);
    }

    @Override
    public boolean maySubscribe(Identity who, String filter) {
        return decide(readRules, who, withoutShare(filter));
    }

    @Override
    public boolean mayReceive(Identity who, String topic) {
        return decide(readRules, who, topic);
    }

    @Override
    public boolean hasRules() {
        return hasRules;
    }

    private boolean decide(AclRule[] rules, Identity who, String topic) {
        if (!hasRules || who.isTrusted()) return true;
        for (AclRule rule : rules) {
            if (rule.matches(who, topic)) return rule.grants();
        }
        return false;
    }

    private static String withoutShare(String filter) {
        if (!filter.startsWith(SHARE_PREFIX)) return filter;
        int slash = filter.indexOf('/', SHARE_PREFIX.length());
        return slash < 0 ? filter : filter.substring(slash + 1);
    }
}
