package io.rung.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The TCP ports the config asks to listen on (broker listeners and HTTP), so that a clash is a config problem. */
final class PortClaims {
    private record Claim(int port, Optional<String> bind, String owner) {}

    private final List<Claim> claims = new ArrayList<>();

    /** Records a port; reports it when an earlier claim uses the same port on an overlapping address. */
    void claim(int port, Optional<String> bind, String owner, ScalarValue at) {
        if (port == 0) return; // any free port: never clashes
        for (Claim c : claims) {
            boolean overlap = c.bind().isEmpty() || bind.isEmpty() || c.bind().equals(bind);
            if (c.port() == port && overlap) {
                at.error("port " + port + " is already used by " + c.owner());
                return;
            }
        }
        claims.add(new Claim(port, bind, owner));
    }
}
