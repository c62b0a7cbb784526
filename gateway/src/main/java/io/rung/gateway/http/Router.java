package io.rung.gateway.http;

import io.rung.gateway.http.Login.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Sends each request to its route: {@code /health} and {@code /metrics} (no login), the dashboard's files, and the
 * API under {@code /api/v1/}, which needs a session cookie (same origin only) or HTTP Basic credentials.
 */
final class Router {
    private static final String API = "/api/v1/";

    private final HealthChecks health;
    private final GatewayMetrics metrics;
    private final StaticFiles files;
    private final Sessions sessions;
    private final SessionRoutes sessionRoutes;
    private final ApiRoutes api;
    private final Login login;
    private final Executor blocking;

    Router(
            HealthChecks health,
            GatewayMetrics metrics,
            StaticFiles files,
            Sessions sessions,
            SessionRoutes sessionRoutes,
            ApiRoutes api,
            Login login,
            Executor blocking) {
        this.health = health;
        this.metrics = metrics;
        this.files = files;
        this.sessions = sessions;
        this.sessionRoutes = sessionRoutes;
        this.api = api;
        this.login = login;
        this.blocking = blocking;
    }

    CompletableFuture<Response> handle(Request r) {
        String path = r.path();
        if (path.equals("/health")) return done(r.isGet() ? health.response() : notAllowed());
        if (path.equals("/metrics")) {
            return done(
                    r.isGet()
                            ? Response.text(200, GatewayMetrics.CONTENT_TYPE, metrics.scrape())
                                    .with("Cache-Control", "no-store")
                            : notAllowed());
        }
        if (path.equals(MqttUpgrade.PATH)) return done(r.isGet() ? MqttUpgrade.plainRequest(r) : notAllowed());
        if (path.startsWith(API)) return api(r, path.substring(API.length()));
        if (!r.isGet()) return done(notAllowed());
        return done(files.serve(path).orElseGet(() -> Response.error(404, "not found")));
    }

    private CompletableFuture<Response> api(Request r, String rest) {
        List<String> parts =
                Arrays.stream(rest.split("/", -1)).filter(s -> !s.isEmpty()).toList();
        Optional<Sessions.Session> session = r.cookie(Sessions.COOKIE).flatMap(sessions::find);
        Optional<String> refused = OriginCheck.refusal(r, session.isPresent());
        if (refused.isPresent()) return done(Response.error(403, refused.get()));
        String first = parts.isEmpty() ? "" : parts.get(0);
        if (first.equals("login") && parts.size() == 1) {
            return r.method().equals("POST") ? sessionRoutes.login(r) : done(notAllowed());
        }
        if (first.equals("logout") && parts.size() == 1) {
            return done(r.method().equals("POST") ? sessionRoutes.logout(r, session) : notAllowed());
        }
        if (session.isPresent()) {
            Sessions.Session s = session.get();
            if (first.equals("session") && parts.size() == 1)
                return done(r.isGet() ? sessionRoutes.current(s) : notAllowed());
            return api.handle(r, new Viewer(s.user(), Optional.of(s.id())), parts);
        }
        Optional<String[]> basic = r.header("authorization").flatMap(Router::basic);
        if (basic.isEmpty()) return done(Response.error(401, "login required"));
        String[] userPassword = basic.get();
        return CompletableFuture.supplyAsync(
                        () -> login.attempt(userPassword[0], userPassword[1], r.remote()), blocking)
                .thenCompose(outcome -> {
                    if (outcome instanceof Outcome.Accepted a) {
                        return api.handle(r, new Viewer(a.user(), Optional.empty()), parts);
                    }
                    if (outcome instanceof Outcome.Throttled t) return done(Response.error(429, t.message()));
                    return done(Response.error(401, ((Outcome.Refused) outcome).message()));
                });
    }

    /** {@code Basic base64(user:password)} split in two, or empty when it is not that. */
    static Optional<String[]> basic(String header) {
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) return Optional.empty();
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) return Optional.empty();
        return Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
    }

    private static CompletableFuture<Response> done(Response r) {
        return CompletableFuture.completedFuture(r);
    }

    private static Response notAllowed() {
        return Response.error(405, "method not allowed");
    }
}
