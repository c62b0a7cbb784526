package io.rung.broker.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rung.config.AclRuleConfig;
import io.rung.config.AclRuleConfig.Access;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleAclTest {
    private static final Identity ANON = Identity.anonymous("anon-1");
    private static final Identity SCADA = Identity.user("scada", "scada-1");
    private static final Identity HMI = Identity.user("hmi", "hmi-1");
    private static final Identity CLOUD = Identity.bridge("cloud");

    private static AclRuleConfig rule(String user, String topic, Access access) {
        return new AclRuleConfig(user, topic, access);
    }

    /** The example from DESIGN.md. */
    private static final RuleAcl DESIGN_EXAMPLE = new RuleAcl(List.of(
            rule("*", "test/private/#", Access.DENY),
            rule("bridge:cloud", "building-b/+/+/+/set", Access.WRITE),
            rule("scada", "+/+/+/+/set", Access.WRITE),
            rule("scada", "#", Access.READ),
            rule("*", "building-b/#", Access.READ),
            rule("*", "clients/%c/#", Access.READWRITE)));

    @Test
    void designExampleGivesEachIdentityItsRights() {
        RuleAcl acl = DESIGN_EXAMPLE;
        assertThat(acl.mayPublish(SCADA, "building-b/f5/plc-1/speed/set")).isTrue();
        assertThat(acl.mayReceive(SCADA, "building-b/f5/plc-1/speed/set"))
                .isTrue(); // write rule says nothing about read
        assertThat(acl.mayPublish(SCADA, "building-b/f5/plc-1/speed")).isFalse();
        assertThat(acl.mayReceive(SCADA, "anything/at/all")).isTrue();
        assertThat(acl.mayReceive(SCADA, "test/private/x")).isFalse(); // deny comes first
        assertThat(acl.mayPublish(CLOUD, "building-b/f5/plc-1/speed/set")).isTrue();
        assertThat(acl.mayPublish(CLOUD, "building-b/f5/plc-1/speed")).isFalse();
        assertThat(acl.mayPublish(CLOUD, "other/f5/plc-1/speed/set")).isFalse();
        assertThat(acl.mayReceive(ANON, "building-b/f5/plc-1/speed")).isTrue();
        assertThat(acl.mayPublish(ANON, "building-b/f5/plc-1/speed/set")).isFalse();
        assertThat(acl.mayReceive(ANON, "plant-a/x")).isFalse();
        assertThat(acl.mayPublish(HMI, "clients/hmi-1/state")).isTrue();
        assertThat(acl.mayPublish(HMI, "clients/scada-1/state")).isFalse();
    }

    @Test
    void firstMatchingRuleWins() {
        RuleAcl denyFirst =
                new RuleAcl(List.of(rule("*", "a/secret", Access.DENY), rule("*", "a/#", Access.READWRITE)));
        RuleAcl allowFirst =
                new RuleAcl(List.of(rule("*", "a/#", Access.READWRITE), rule("*", "a/secret", Access.DENY)));

        assertThat(denyFirst.mayReceive(HMI, "a/secret")).isFalse();
        assertThat(denyFirst.mayPublish(HMI, "a/secret")).isFalse();
        assertThat(denyFirst.mayReceive(HMI, "a/open")).isTrue();
        assertThat(allowFirst.mayReceive(HMI, "a/secret")).isTrue();
    }

    @Test
    void noMatchingRuleMeansDenied() {
        RuleAcl acl = new RuleAcl(List.of(rule("scada", "a/#", Access.READWRITE)));

        assertThat(acl.mayPublish(HMI, "a/b")).isFalse();
        assertThat(acl.maySubscribe(HMI, "a/b")).isFalse();
        assertThat(acl.mayReceive(SCADA, "b")).isFalse();
        assertThat(acl.hasRules()).isTrue();
    }

    @Test
    void noRulesAllowsEverything() {
        RuleAcl acl = new RuleAcl(List.of());

        assertThat(acl.mayPublish(ANON, "any/topic")).isTrue();
        assertThat(acl.maySubscribe(ANON, "#")).isTrue();
        assertThat(acl.mayReceive(ANON, "$SYS/broker/uptime")).isTrue();
        assertThat(acl.hasRules()).isFalse();
        assertThat(Acl.allowAll().hasRules()).isFalse();
    }

    @Test
    void accessKindsMapToOperations() {
        RuleAcl acl = new RuleAcl(List.of(
                rule("*", "r", Access.READ),
                rule("*", "w", Access.WRITE),
                rule("*", "rw", Access.READWRITE),
                rule("*", "d", Access.DENY)));

        assertThat(List.of(acl.maySubscribe(HMI, "r"), acl.mayReceive(HMI, "r"), acl.mayPublish(HMI, "r")))
                .containsExactly(true, true, false);
        assertThat(List.of(acl.maySubscribe(HMI, "w"), acl.mayReceive(HMI, "w"), acl.mayPublish(HMI, "w")))
                .containsExactly(false, false, true);
        assertThat(List.of(acl.maySubscribe(HMI, "rw"), acl.mayReceive(HMI, "rw"), acl.mayPublish(HMI, "rw")))
                .containsExactly(true, true, true);
        assertThat(List.of(acl.maySubscribe(HMI, "d"), acl.mayReceive(HMI, "d"), acl.mayPublish(HMI, "d")))
                .containsExactly(false, false, false);
    }

    @Test
    void starMatchesAnonymousButNamedRulesOnlyVerifiedUsers() {
        RuleAcl acl = new RuleAcl(List.of(rule("hmi", "h/#", Access.READWRITE), rule("*", "all/#", Access.READWRITE)));

        assertThat(acl.mayPublish(ANON, "all/x")).isTrue();
        assertThat(acl.mayPublish(ANON, "h/x")).isFalse();
        assertThat(acl.mayPublish(HMI, "h/x")).isTrue();
        assertThat(acl.mayPublish(CLOUD, "all/x")).isTrue();
        // an anonymous client whose client id equals a user name is still not that user
        assertThat(acl.mayPublish(Identity.anonymous("hmi"), "h/x")).isFalse();
    }

    @Test
    void bridgeRulesMatchOnlyThatBridge() {
        RuleAcl acl = new RuleAcl(List.of(rule("bridge:cloud", "in/#", Access.WRITE)));

        assertThat(acl.mayPublish(CLOUD, "in/x")).isTrue();
        assertThat(acl.mayPublish(Identity.bridge("other"), "in/x")).isFalse();
        // a certificate or password user literally named "bridge:cloud" is not the bridge
        assertThat(acl.mayPublish(Identity.user("bridge:cloud", "x"), "in/x")).isFalse();
    }

    @Test
    void bridgeIsNotMatchedByANamedUserRule() {
        RuleAcl acl = new RuleAcl(List.of(rule("cloud", "#", Access.READWRITE)));

        assertThat(acl.mayPublish(CLOUD, "x")).isFalse();
    }

    @Test
    void trustedIdentitiesBypassTheRules() {
        RuleAcl acl = new RuleAcl(List.of(rule("*", "#", Access.DENY)));

        assertThat(acl.mayPublish(Identity.trusted("$gateway"), "plant/x")).isTrue();
        assertThat(acl.maySubscribe(Identity.trusted("$gateway"), "plant/+/set"))
                .isTrue();
    }

    @Test
    void userAndClientIdAreSubstituted() {
        RuleAcl acl = new RuleAcl(List.of(
                rule("*", "users/%u/#", Access.READWRITE),
                rule("*", "clients/%c", Access.READWRITE),
                rule("*", "mixed/dev-%u-%c/x", Access.READWRITE)));

        assertThat(acl.mayPublish(HMI, "users/hmi/state")).isTrue();
        assertThat(acl.mayPublish(HMI, "users/scada/state")).isFalse();
        assertThat(acl.mayPublish(HMI, "clients/hmi-1")).isTrue();
        assertThat(acl.mayPublish(HMI, "clients/hmi-2")).isFalse();
        assertThat(acl.mayPublish(HMI, "mixed/dev-hmi-hmi-1/x")).isTrue();
        assertThat(acl.mayPublish(HMI, "mixed/dev-hmi-hmi-2/x")).isFalse();
        assertThat(acl.mayPublish(HMI, "mixed/dev-hmi-hmi-1x/x")).isFalse();
    }

    @Test
    void userVariableNeverMatchesAnonymous() {
        RuleAcl acl =
                new RuleAcl(List.of(rule("*", "users/%u/#", Access.READWRITE), rule("*", "pre%u", Access.READWRITE)));

        assertThat(acl.mayPublish(ANON, "users//x")).isFalse();
        assertThat(acl.mayPublish(ANON, "users/anon-1/x")).isFalse();
        assertThat(acl.mayPublish(ANON, "pre")).isFalse();
    }

    @Test
    void substitutedValuesWithSlashOrWildcardsNeverMatch() {
        RuleAcl acl =
                new RuleAcl(List.of(rule("*", "clients/%c/#", Access.READWRITE), rule("*", "users/%u", Access.READ)));
        Identity slash = Identity.user("a/b", "x/y");
        Identity plus = Identity.user("+", "+");
        Identity hash = Identity.user("#", "#");

        assertThat(acl.mayPublish(slash, "clients/x/y/z")).isFalse();
        assertThat(acl.maySubscribe(plus, "clients/+/#")).isFalse();
        assertThat(acl.mayPublish(plus, "clients/+/z")).isFalse();
        assertThat(acl.maySubscribe(hash, "clients/#")).isFalse();
        assertThat(acl.maySubscribe(hash, "users/#")).isFalse();
        assertThat(acl.maySubscribe(plus, "users/+")).isFalse();
        assertThat(acl.maySubscribe(slash, "users/a/b")).isFalse();
        assertThat(acl.mayReceive(slash, "users/a/b")).isFalse();
        assertThat(acl.mayPublish(Identity.anonymous(""), "clients//x")).isFalse();
    }

    @Test
    void clientCannotSubscribeToOtherClientsThroughAVariableRule() {
        RuleAcl acl = new RuleAcl(List.of(rule("*", "clients/%c/#", Access.READWRITE)));

        assertThat(acl.maySubscribe(HMI, "clients/hmi-1/#")).isTrue();
        assertThat(acl.maySubscribe(HMI, "clients/+/#")).isFalse();
        assertThat(acl.maySubscribe(HMI, "clients/#")).isFalse();
    }

    @Test
    void filterWildcardsMatchOnlyTheSameWildcardOrHashInTheRule() {
        RuleAcl acl = new RuleAcl(List.of(
                rule("*", "building-b/#", Access.READ),
                rule("*", "a/b", Access.READ),
                rule("*", "p/+/q", Access.READ)));

        assertThat(acl.maySubscribe(HMI, "building-b/+/x")).isTrue();
        assertThat(acl.maySubscribe(HMI, "building-b/#")).isTrue();
        assertThat(acl.maySubscribe(HMI, "building-b")).isTrue();
        assertThat(acl.maySubscribe(HMI, "a/b")).isTrue();
        assertThat(acl.maySubscribe(HMI, "a/+")).isFalse();
        assertThat(acl.maySubscribe(HMI, "a/#")).isFalse();
        assertThat(acl.maySubscribe(HMI, "p/+/q")).isTrue();
        assertThat(acl.maySubscribe(HMI, "p/x/q")).isTrue();
        assertThat(acl.maySubscribe(HMI, "p/#")).isFalse();
        assertThat(acl.maySubscribe(HMI, "p/+/#")).isFalse();
        assertThat(acl.maySubscribe(HMI, "#")).isFalse();
        assertThat(acl.maySubscribe(HMI, "+/b")).isFalse();
    }

    @Test
    void sharedSubscriptionIsCheckedWithoutItsGroupPrefix() {
        RuleAcl acl = new RuleAcl(List.of(rule("*", "jobs/#", Access.READ)));

        assertThat(acl.maySubscribe(HMI, "$share/workers/jobs/+")).isTrue();
        assertThat(acl.maySubscribe(HMI, "$share/workers/other")).isFalse();
    }

    @Test
    void dollarTopicsAreNotMatchedByLeadingWildcards() {
        RuleAcl acl = new RuleAcl(List.of(rule("*", "#", Access.READWRITE)));
        RuleAcl plus = new RuleAcl(List.of(rule("*", "+/broker/#", Access.READ)));
        RuleAcl sys = new RuleAcl(List.of(rule("*", "$SYS/#", Access.READ), rule("*", "#", Access.READ)));

        assertThat(acl.mayReceive(HMI, "$SYS/broker/uptime")).isFalse();
        assertThat(acl.maySubscribe(HMI, "$SYS/#")).isFalse();
        assertThat(plus.mayReceive(HMI, "$SYS/broker/uptime")).isFalse();
        assertThat(sys.mayReceive(HMI, "$SYS/broker/uptime")).isTrue();
        assertThat(sys.maySubscribe(HMI, "$SYS/broker/+")).isTrue();
        assertThat(sys.mayReceive(HMI, "plant/x")).isTrue();
    }

    @Test
    void topicLevelsMatchExactly() {
        RuleAcl acl = new RuleAcl(List.of(
                rule("*", "a/+/c", Access.READWRITE),
                rule("*", "x/#", Access.READWRITE),
                rule("*", "e//f", Access.READWRITE)));

        assertThat(acl.mayPublish(HMI, "a/b/c")).isTrue();
        assertThat(acl.mayPublish(HMI, "a//c")).isTrue();
        assertThat(acl.mayPublish(HMI, "a/b/c/d")).isFalse();
        assertThat(acl.mayPublish(HMI, "a/b")).isFalse();
        assertThat(acl.mayPublish(HMI, "ab/b/c")).isFalse();
        assertThat(acl.mayPublish(HMI, "x")).isTrue();
        assertThat(acl.mayPublish(HMI, "x/y/z")).isTrue();
        assertThat(acl.mayPublish(HMI, "xy")).isFalse();
        assertThat(acl.mayPublish(HMI, "e//f")).isTrue();
        assertThat(acl.mayPublish(HMI, "e/f")).isFalse();
    }

    @Test
    void invalidRulesAreRefusedWithTheirPosition() {
        assertThatThrownBy(() -> new RuleAcl(List.of(rule("*", "a/#", Access.READ), rule("*", "a/#/b", Access.READ))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("acl[1].topic: '#' must be the last level (was 'a/#/b')");
        assertThatThrownBy(() -> new RuleAcl(List.of(rule("*", "a/b+", Access.READ))))
                .hasMessage("acl[0].topic: '+' and '#' must fill a whole level (was 'a/b+')");
        assertThatThrownBy(() -> new RuleAcl(List.of(rule("", "a", Access.READ))))
                .hasMessage("acl[0].user: must not be empty");
        assertThatThrownBy(() -> new RuleAcl(List.of(rule("bridge:", "a", Access.READ))))
                .hasMessage("acl[0].user: bridge name missing (was 'bridge:')");
        assertThatThrownBy(() -> new RuleAcl(List.of(rule("*", "", Access.READ))))
                .hasMessage("acl[0].topic: must not be empty");
    }
}
