package io.rung.gateway.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.rung.broker.auth.PasswordFile;
import io.rung.config.ConfigLoader;
import io.rung.config.RungConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Server-side checks on a config built in a test, with firewall tools faked by their output. */
class ServerChecksTest {
    @TempDir
    Path dir;

    private List<Finding> check(String yaml, SystemCommands commands) throws Exception {
        RungConfig config = ConfigLoader.parse(yaml, "rung.yaml", dir, Map.of());
        return new ServerChecks(config, Clock.systemUTC(), commands).run();
    }

    private static SystemCommands only(String tool, String output) {
        return command -> command.get(0).equals(tool)
                ? new SystemCommands.Output(true, true, output)
                : new SystemCommands.Output(false, false, "not installed");
    }

    @Test
    void loopbackListenerAndClearTextPasswordsAreFlagged() throws Exception {
        PasswordFile.addOrUpdate(dir.resolve("passwd"), "alice", "pw".getBytes(StandardCharsets.UTF_8));
        List<Finding> f = check("""
                broker:
                  listeners: [ { port: 1883, bind: 127.0.0.1 }, { port: 8883 } ]
                  auth: { passwordFile: passwd }
                """, only("none", ""));
        assertThat(f)
                .anyMatch(
                        x -> x.level() == Finding.Level.WARN
                                && x.subject().equals("listener mqtt :1883")
                                && x.text().equals("bound to 127.0.0.1: only this machine can connect")
                                && x.fix()
                                        .orElseThrow()
                                        .equals(
                                                "remove broker.listeners[0].bind (all interfaces) or set it to the address clients use"));
        assertThat(f)
                .anyMatch(x -> x.level() == Finding.Level.WARN
                        && x.subject().equals("listener mqtt :8883")
                        && x.text().equals("passwords cross the network in clear text on this port"));
        assertThat(f).anyMatch(x -> x.text().equals("1 users in " + dir.resolve("passwd") + ": alice"));
        assertThat(f).anyMatch(x -> x.subject().equals("cloud") && x.text().contains("inbound TCP 8883 from"));
        assertThat(f).anyMatch(x -> x.text().equals("no firewall tool (nft, iptables, ufw) could be read here"));
    }

    @Test
    void firewallRuleDroppingAListenerPortFails() throws Exception {
        List<Finding> f =
                check("""
                broker:
                  listeners: [ { port: 1883 } ]
                  auth: { anonymous: true }
                """, only("iptables", "-P INPUT ACCEPT\n-A INPUT -p tcp -m tcp --dport 1883 -j DROP\n"));
        assertThat(f)
                .anyMatch(x -> x.level() == Finding.Level.FAIL
                        && x.text().equals("iptables blocks TCP 1883: -A INPUT -p tcp -m tcp --dport 1883 -j DROP"));
        assertThat(f)
                .anyMatch(x -> x.level() == Finding.Level.WARN
                        && x.subject().equals("auth")
                        && x.text().startsWith("anonymous: true: anyone who reaches a listener may connect"));
    }

    @Test
    void unreadableFirewallIsReportedNotGuessed() throws Exception {
        List<Finding> f = check(
                "broker:\n  listeners: [ { port: 1883 } ]\n",
                command -> new SystemCommands.Output(true, false, "Permission denied (you must be root)"));
        assertThat(f).anyMatch(x -> x.text().startsWith("nftables rules not readable (Permission denied"));
        assertThat(f).noneMatch(x -> x.subject().equals("firewall") && x.level() == Finding.Level.FAIL);
    }

    @Test
    void passwordFileWithoutUsersMeansNobodyCanLogIn() throws Exception {
        PasswordFile.addOrUpdate(dir.resolve("passwd"), "bob", "pw".getBytes(StandardCharsets.UTF_8));
        PasswordFile.delete(dir.resolve("passwd"), "bob");
        List<Finding> f =
                check("broker:\n  listeners: [ { port: 1883 } ]\n  auth: { passwordFile: passwd }\n", only("none", ""));
        assertThat(f)
                .anyMatch(x -> x.level() == Finding.Level.FAIL && x.text().endsWith("has no users: nobody can log in"));
    }
}
