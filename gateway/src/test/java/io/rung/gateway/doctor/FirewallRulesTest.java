package io.rung.gateway.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FirewallRulesTest {
    private static final String IPTABLES = """
            -P INPUT DROP
            -P FORWARD DROP
            -P OUTPUT ACCEPT
            -A INPUT -i lo -j ACCEPT
            -A INPUT -p tcp -m tcp --dport 22 -j ACCEPT
            -A INPUT -p tcp -m multiport --dports 8000:8100,1883 -j ACCEPT
            -A INPUT -p tcp -m tcp --dport 8883 -j REJECT --reject-with icmp-port-unreachable
            """;

    @Test
    void iptablesAcceptRuleForThePortWins() {
        assertThat(FirewallRules.iptables(IPTABLES, 1883))
                .hasValueSatisfying(v -> assertThat(v.blocked()).isFalse());
        assertThat(FirewallRules.iptables(IPTABLES, 8080))
                .hasValueSatisfying(v -> assertThat(v.blocked()).isFalse());
    }

    @Test
    void iptablesRejectRuleAndDefaultDropBlock() {
        assertThat(FirewallRules.iptables(IPTABLES, 8883).orElseThrow().rule()).contains("--dport 8883 -j REJECT");
        assertThat(FirewallRules.iptables(IPTABLES, 9001).orElseThrow().rule())
                .isEqualTo("-P INPUT DROP (and no rule accepts port 9001)");
    }

    @Test
    void iptablesWithAcceptPolicyAndNoRuleDecidesNothing() {
        assertThat(FirewallRules.iptables("-P INPUT ACCEPT\n-P FORWARD DROP\n", 1883))
                .isEmpty();
    }

    @Test
    void nftablesInputHookWithPolicyDrop() {
        String nft = """
                table inet filter {
                	chain input {
                		type filter hook input priority filter; policy drop;
                		ct state established,related accept
                		tcp dport { 22, 1883 } accept
                		tcp dport 8883 drop
                	}
                	chain output {
                		type filter hook output priority filter; policy accept;
                		tcp dport 8080 drop
                	}
                }
                """;
        assertThat(FirewallRules.nft(nft, 1883).orElseThrow().blocked()).isFalse();
        assertThat(FirewallRules.nft(nft, 8883).orElseThrow().blocked()).isTrue();
        assertThat(FirewallRules.nft(nft, 8080).orElseThrow().rule()).contains("policy drop");
    }

    @Test
    void ufwDefaultDenyWithoutAllowBlocks() {
        String ufw = """
                Status: active
                Logging: on (low)
                Default: deny (incoming), allow (outgoing), disabled (routed)
                New profiles: skip

                To                         Action      From
                --                         ------      ----
                22/tcp                     ALLOW IN    Anywhere
                1883/tcp                   ALLOW IN    Anywhere
                """;
        assertThat(FirewallRules.ufw(ufw, 1883).orElseThrow().blocked()).isFalse();
        assertThat(FirewallRules.ufw(ufw, 8883).orElseThrow().blocked()).isTrue();
        assertThat(FirewallRules.ufw("Status: inactive\n", 8883)).isEmpty();
    }
}
