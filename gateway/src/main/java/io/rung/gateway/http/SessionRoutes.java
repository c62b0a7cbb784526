package io.rung.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/login}, {@code POST /api/v1/logout} and {@code GET /api/v1/session}: the session cookie is
 * {@code HttpOnly; SameSite=Strict} ({@code Secure} over TLS); the login answer carries a short-lived MQTT token, never
 * the password.
 */
final class SessionRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(SessionRoutes.class);

    private final Sessions sessions;
    private final Login login;
    private final ApiRoutes api;
    private final Executor blocking;

    SessionRoutes(Sessions sessions, Login login, ApiRoutes api, Executor blocking) {
        this.sessions = sessions;
        this.login = login;
        this.api = api;
        this.blocking = blocking;
    }

    CompletableFuture<Response> login(Request r) {
        Optional<JsonNode> body = Json.parse(r.body());
        if (body.isEmpty() || !body.get().isObject()) {
            return CompletableFuture.completedFuture(
                    Response.error(400, "body must be {\"user\": …, \"password\": …}"));
        }
        String user = body.get().path("user").asText("");
        String password = body.get().path("password").asText("");
        return CompletableFuture.supplyAsync(() -> login.attempt(user, password, r.remote()), blocking)
                .thenApply(outcome -> answer(r, outcome));
    }

    private Response answer(Request r, Login.Outcome outcome) {
        if (outcome instanceof Login.Outcome.Accepted a) return accepted(r, a.user());
        if (outcome instanceof Login.Outcome.Throttled t) return Response.error(429, t.message());
        String message = ((Login.Outcome.Refused) outcome).message();
        LOG.info("Dashboard login refused from {}: {}.", r.remote().getAddress().getHostAddress(), message);
        return Response.error(401, message);
    }

    private Response accepted(Request r, Optional<String> user) {
        Sessions.Session s = sessions.create(user);
        LOG.info(
                "Dashboard login of {} from {}.",
                s.userLabel(),
                r.remote().getAddress().getHostAddress());
        return Response.ok(body(s))
                .with("Set-Cookie", cookie(r, s.id(), sessions.cookieMaxAge(s)))
                .with("Cache-Control", "no-store");
    }

    /** Ends the session (if any) and clears the cookie. */
    Response logout(Request r, Optional<Sessions.Session> session) {
        session.ifPresent(s -> sessions.remove(s.id()));
        return Response.ok(Map.of("loggedIn", false)).with("Set-Cookie", cookie(r, "", 0));
    }

    /** Who is logged in, with a fresh MQTT token. */
    Response current(Sessions.Session s) {
        return Response.ok(body(s)).with("Cache-Control", "no-store");
    }

    private Map<String, Object> body(Sessions.Session s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("loggedIn", true);
        m.put("user", s.user().orElse(""));
        m.put("mqtt", api.mqtt(s.user()));
        return m;
    }

    static String cookie(Request r, String value, long maxAgeSeconds) {
        return Sessions.COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict"
                + (r.secure() ? "; Secure" : "");
    }
}
