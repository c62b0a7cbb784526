package io.rung.gateway.http;

import java.util.Optional;

/**
 * The same-origin rule for requests a browser could send on another site's behalf: a request that changes
 * something, or that a session cookie authenticates, must come from a page of this server. Browsers send
 * {@code Origin} with every such POST, and {@code Sec-Fetch-Site} with every request they make.
 */
final class OriginCheck {
    private OriginCheck() {}

    /** Why the request is refused, or empty when it may proceed. */
    static Optional<String> refusal(Request r, boolean cookieAuthenticated) {
        Optional<String> site = r.header("sec-fetch-site");
        if (site.isPresent() && !site.get().equals("same-origin") && !site.get().equals("none")) {
            return Optional.of("cross-origin request refused (Sec-Fetch-Site: " + site.get() + ")");
        }
        Optional<String> origin = r.header("origin");
        Optional<String> own = r.ownOrigin();
        if (origin.isPresent()) {
            if (own.isEmpty() || !origin.get().equalsIgnoreCase(own.get())) {
                return Optional.of("cross-origin request refused: Origin " + origin.get() + " is not "
                        + own.orElse("this server"));
            }
            return Optional.empty();
        }
        if (!r.isGet() && cookieAuthenticated) {
            return Optional.of("request without an Origin header refused: a session cookie only works from this "
                    + "server's own pages");
        }
        return Optional.empty();
    }
}
