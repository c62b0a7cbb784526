package io.rung.gateway.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the output of {@code iptables -S}, {@code nft list ruleset} and {@code ufw status verbose} well enough to
 * say whether incoming TCP to a port is dropped: an explicit drop/reject rule for the port, or a default-deny input
 * policy without a rule that accepts it. A heuristic for a hint, not a packet-filter emulator.
 */
public final class FirewallRules {
    private static final Pattern IPT_PORTS = Pattern.compile("--dports? ([0-9,:]+)");
    private static final Pattern NFT_PORTS = Pattern.compile("dport (\\{[^}]*\\}|[0-9-]+)");
    private static final Pattern UFW_RULE =
            Pattern.compile("^([0-9:,]+)(/tcp)?\\s+(ALLOW|DENY|REJECT|LIMIT)( IN)?\\s.*");

    /**
     * What a rule set does to a port.
     *
     * @param rule the rule that decides, as written in the tool's output
     */
    public record Verdict(boolean blocked, String rule) {}

    private FirewallRules() {}

    /** The verdict of {@code iptables -S} for TCP {@code port} in the INPUT chain, or empty when nothing decides. */
    public static Optional<Verdict> iptables(String output, int port) {
        boolean defaultDeny = false;
        String policy = "";
        for (String line : output.split("\n")) {
            String l = line.trim();
            if (l.equals("-P INPUT DROP") || l.equals("-P INPUT REJECT")) {
                defaultDeny = true;
                policy = l;
            }
            if (l.equals("-A INPUT -j ACCEPT") || l.equals("-A INPUT -p tcp -j ACCEPT")) {
                return Optional.of(new Verdict(false, l));
            }
            if (!l.startsWith("-A INPUT ") || l.contains("-p udp")) continue;
            Matcher m = IPT_PORTS.matcher(l);
            if (!m.find() || !covers(m.group(1).replace(':', '-'), port)) continue;
            if (l.contains("-j ACCEPT")) return Optional.of(new Verdict(false, l));
            if (l.contains("-j DROP") || l.contains("-j REJECT")) return Optional.of(new Verdict(true, l));
        }
        return defaultDeny
                ? Optional.of(new Verdict(true, policy + " (and no rule accepts port " + port + ")"))
                : Optional.empty();
    }

    /** The verdict of {@code nft list ruleset} for TCP {@code port} in input hooks, or empty when nothing decides. */
    public static Optional<Verdict> nft(String output, int port) {
        boolean inInput = false;
        String policy = "";
        for (String line : output.split("\n")) {
            String l = line.trim();
            if (l.startsWith("chain ")) inInput = false;
            if (l.contains("hook input")) {
                inInput = true;
                if (l.contains("policy drop")) policy = l;
            }
            if (!inInput || !l.contains("dport") || l.contains("udp dport")) continue;
            Matcher m = NFT_PORTS.matcher(l);
            if (!m.find() || !covers(m.group(1).replaceAll("[{} ]", ""), port)) continue;
            if (l.endsWith("accept")) return Optional.of(new Verdict(false, l));
            if (l.endsWith("drop") || l.contains(" reject")) return Optional.of(new Verdict(true, l));
        }
        return policy.isEmpty()
                ? Optional.empty()
                : Optional.of(new Verdict(true, policy + " (and no rule accepts port " + port + ")"));
    }

    /** The verdict of {@code ufw status verbose}, or empty when ufw is inactive or nothing decides. */
    public static Optional<Verdict> ufw(String output, int port) {
        if (!output.contains("Status: active")) return Optional.empty();
        String policy = "";
        for (String line : output.split("\n")) {
            String l = line.trim();
            if (l.startsWith("Default:") && l.toLowerCase(Locale.ROOT).matches(".*(deny|reject) \\(incoming\\).*")) {
                policy = l;
            }
            Matcher m = UFW_RULE.matcher(l);
            if (!m.matches() || !covers(m.group(1).replace(':', '-'), port)) continue;
            boolean allow = m.group(3).equals("ALLOW") || m.group(3).equals("LIMIT");
            return Optional.of(new Verdict(!allow, "ufw: " + l));
        }
        return policy.isEmpty()
                ? Optional.empty()
                : Optional.of(new Verdict(true, "ufw " + policy + " (and no rule allows port " + port + ")"));
    }

    /** True when a list such as {@code 22,1883,8000-8100} includes {@code port}. */
    static boolean covers(String list, int port) {
        List<String> parts = new ArrayList<>(List.of(list.split(",")));
        for (String p : parts) {
            String t = p.trim();
            if (t.isEmpty()) continue;
            int dash = t.indexOf('-');
            try {
                if (dash < 0 && Integer.parseInt(t) == port) return true;
                if (dash > 0
                        && Integer.parseInt(t.substring(0, dash)) <= port
                        && port <= Integer.parseInt(t.substring(dash + 1))) {
                    return true;
                }
            } catch (NumberFormatException notAPort) {
                // A named service (ssh, http) in the rule: it does not name our numeric port.
            }
        }
        return false;
    }
}
