package io.rung.gateway;

import io.rung.config.AuthConfig;
import io.rung.config.ListenerConfig;
import io.rung.config.RungConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The warnings Rung gives at start about settings that expose it: anonymous access, passwords without TLS, no ACL. */
final class StartupWarnings {
    private static final Logger log = LoggerFactory.getLogger("rung");

    private StartupWarnings() {}

    static void log(RungConfig config, AuthConfig auth) {
        if (auth.anonymous()) {
            log.warn("Anonymous access is on (broker.auth.anonymous: true): clients connect without a user name.");
        }
        for (ListenerConfig l : config.broker().listeners()) {
            if (l.tls().isEmpty() && !isLoopback(l)) {
                log.warn(
                        "Listener on port {} accepts passwords without TLS on a non-loopback address; "
                                + "add tls: { cert, key } for clients outside this machine.",
                        l.port());
            }
        }
        long writable = config.devices().stream()
                .flatMap(d -> d.points().stream())
                .filter(p -> p.write())
                .count();
        if (auth.acl().isEmpty() && writable > 0) {
            log.warn(
                    "No acl: every client that may connect can write {} PLC point{}.",
                    writable,
                    writable == 1 ? "" : "s");
        }
    }

    private static boolean isLoopback(ListenerConfig l) {
        if (l.bind().isEmpty()) return false;
        try {
            return InetAddress.getByName(l.bind().get()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
