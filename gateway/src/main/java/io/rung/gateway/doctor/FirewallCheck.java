package io.rung.gateway.doctor;

import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/** Runs {@code nft}, {@code iptables} and {@code ufw} (where present and readable) and judges each listener port. */
final class FirewallCheck {
    private final SystemCommands commands;
    private final List<Finding> out;

    FirewallCheck(SystemCommands commands, List<Finding> out) {
        this.commands = commands;
        this.out = out;
    }

    void run(List<Integer> ports) {
        if (ports.isEmpty()) return;
        boolean any = tool("nftables", List.of("nft", "list", "ruleset"), FirewallRules::nft, ports);
        any |= tool("iptables", List.of("iptables", "-S"), FirewallRules::iptables, ports);
        any |= tool("ufw", List.of("ufw", "status", "verbose"), FirewallRules::ufw, ports);
        if (!any) out.add(Finding.info("firewall", "no firewall tool (nft, iptables, ufw) could be read here"));
    }

    private boolean tool(
            String name,
            List<String> command,
            BiFunction<String, Integer, Optional<FirewallRules.Verdict>> judge,
            List<Integer> ports) {
        SystemCommands.Output o = commands.run(command);
        if (!o.found()) return false;
        if (!o.ok()) {
            out.add(Finding.info(
                    "firewall",
                    name + " rules not readable (" + firstLine(o.text())
                            + "); run 'rung doctor' as root to check them"));
            return true;
        }
        boolean blocked = false;
        for (int port : ports) {
            Optional<FirewallRules.Verdict> v = judge.apply(o.text(), port);
            if (v.isPresent() && v.get().blocked()) {
                blocked = true;
                out.add(Finding.fail(
                        "firewall",
                        name + " blocks TCP " + port + ": " + v.get().rule(),
                        "allow it, e.g. 'ufw allow " + port + "/tcp' or 'iptables -I INPUT -p tcp --dport " + port
                                + " -j ACCEPT' (and make it persistent)"));
            } else if (v.isPresent()) {
                out.add(Finding.ok(
                        "firewall",
                        name + " accepts TCP " + port + ": " + v.get().rule()));
            }
        }
        if (!blocked) out.add(Finding.ok("firewall", name + ": no rule blocks the listener ports"));
        return true;
    }

    private static String firstLine(String text) {
        String t = text.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
