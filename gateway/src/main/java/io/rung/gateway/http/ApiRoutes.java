package io.rung.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.rung.broker.Broker;
import io.rung.broker.ConnectedClient;
import io.rung.broker.auth.Acl;
import io.rung.broker.auth.TokenStore;
import io.rung.broker.bridge.BridgeStatus;
import io.rung.broker.local.PublishRefusedException;
import io.rung.config.DeviceConfig;
import io.rung.config.PointConfig;
import io.rung.gateway.mapping.DeviceTopics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The REST API under {@code /api/v1/} for a viewer that is already authenticated; {@code docs/http-api.md} lists
 * it. Session handling (login, logout, tokens) is in {@link SessionRoutes}.
 */
final class ApiRoutes {
    /** How long a dashboard MQTT token is the user's password. */
    static final Duration TOKEN_TTL = Duration.ofMinutes(10);

    private final Broker broker;
    private final Acl acl;
    private final TokenStore tokens;
    private final DeviceViews views;
    private final CommandSender commands;
    private final Supplier<List<BridgeStatus>> bridges;
    private final PhoneSetup phone;
    private final IntSupplier httpPort;
    private final boolean httpTls;

    /** {@code httpPort} and {@code httpTls}: where the page finds MQTT over WebSocket, on its own origin. */
    ApiRoutes(
            Broker broker,
            Acl acl,
            TokenStore tokens,
            DeviceViews views,
            CommandSender commands,
            Supplier<List<BridgeStatus>> bridges,
            PhoneSetup phone,
            IntSupplier httpPort,
            boolean httpTls) {
        this.httpPort = httpPort;
        this.httpTls = httpTls;
        this.broker = broker;
        this.acl = acl;
        this.tokens = tokens;
        this.views = views;
        this.commands = commands;
        this.bridges = bridges;
        this.phone = phone;
    }

    /** {@code path} is the part after {@code /api/v1/}, split at {@code /}. */
    CompletableFuture<Response> handle(Request r, Viewer viewer, List<String> path) {
        String first = path.isEmpty() ? "" : path.get(0);
        boolean get = r.isGet();
        return switch (first) {
            case "devices" -> devices(r, viewer, path);
            case "clients" -> path.size() == 1 ? (get ? clients() : done(notAllowed())) : done(notFound());
            case "bridges" -> done(get ? Response.ok(bridges()) : notAllowed());
            case "connect" -> done(get ? connect(r, viewer, path) : notAllowed());
            case "mqtt" -> done(!get && path.size() == 2 && path.get(1).equals("token") ? mqtt(viewer) : notFound());
            default -> done(notFound());
        };
    }

    /**
     * Where and how the page connects over MQTT: MQTT over WebSocket on the HTTP port itself ({@code /mqtt}, same
     * origin as the page, so a phone needs only this port) and a fresh token.
     */
    Map<String, Object> mqtt(Optional<String> user) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("port", httpPort.getAsInt());
        w.put("path", MqttUpgrade.PATH);
        w.put("tls", httpTls);
        m.put("websocket", w);
        m.put("user", user.orElse(""));
        if (user.isPresent()) {
            m.put("token", tokens.issue(user.get(), TOKEN_TTL));
            m.put("ttlSeconds", TOKEN_TTL.toSeconds());
        }
        return m;
    }

    private Response mqtt(Viewer viewer) {
        return Response.ok(mqtt(viewer.user())).with("Cache-Control", "no-store");
    }

    private CompletableFuture<Response> devices(Request r, Viewer viewer, List<String> path) {
        if (path.size() == 1)
            return done(r.isGet() ? Response.ok(views.list(t -> viewer.mayRead(acl, t))) : notAllowed());
        Optional<DeviceConfig> device =
                views.device(path.get(1)).filter(d -> viewer.mayRead(acl, DeviceTopics.status(d)));
        if (device.isEmpty()) return done(Response.error(404, "no device '" + path.get(1) + "'"));
        DeviceConfig d = device.get();
        if (path.size() == 2)
            return done(
                    r.isGet() ? Response.ok(views.detail(d, t -> viewer.mayRead(acl, t), history(r))) : notAllowed());
        if (!path.get(2).equals("points")) return done(notFound());
        if (path.size() == 3)
            return done(
                    r.isGet() ? Response.ok(views.points(d, t -> viewer.mayRead(acl, t), history(r))) : notAllowed());
        Optional<PointConfig> point = d.points().stream()
                .filter(p -> p.name().equals(path.get(3)))
                .findFirst()
                .filter(p -> viewer.mayRead(acl, DeviceTopics.value(d, p.name())) || path.size() == 5);
        if (point.isEmpty()) return done(Response.error(404, "no point '" + path.get(3) + "' on device " + d.name()));
        if (path.size() == 4) return done(r.isGet() ? Response.ok(views.point(d, point.get(), true)) : notAllowed());
        if (path.size() == 5 && path.get(4).equals("set")) {
            return r.method().equals("POST") ? set(r, viewer, d, point.get()) : done(notAllowed());
        }
        return done(notFound());
    }

    private CompletableFuture<Response> set(Request r, Viewer viewer, DeviceConfig d, PointConfig p) {
        Optional<JsonNode> body = Json.parse(r.body());
        if (body.isEmpty()) return done(Response.error(400, "body must be JSON: {\"value\": …} or a bare value"));
        JsonNode value = body.get().isObject() ? body.get().get("value") : body.get();
        if (value == null || (body.get().isObject() && body.get().size() != 1)) {
            return done(Response.error(400, "body must be {\"value\": …} with no other key"));
        }
        return commands.send(viewer.user(), d, p.name(), value).handle((result, failure) -> {
            if (failure == null) return Response.json(result.path("ok").asBoolean() ? 200 : 422, result);
            Throwable cause =
                    failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof PublishRefusedException) return Response.error(403, cause.getMessage());
            if (cause instanceof TimeoutException) {
                return Response.error(504, "no result within " + CommandSender.TIMEOUT.toSeconds() + " s");
            }
            return Response.error(500, "the command could not be sent: " + cause.getMessage());
        });
    }

    /** The counts and every connected network client; the viewer is logged in (this is under {@code /api/v1/}). */
    private CompletableFuture<Response> clients() {
        return broker.connectedClients().orTimeout(5, TimeUnit.SECONDS).handle((list, failure) -> {
            if (failure != null) return Response.error(504, "the broker did not list its clients within 5 s");
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("connected", broker.stats().clientsConnected());
            m.put("sessions", broker.stats().clientsTotal());
            m.put("maximum", broker.stats().clientsMaximum());
            m.put("clients", list.stream().map(ApiRoutes::client).toList());
            return Response.ok(m);
        });
    }

    private static Map<String, Object> client(ConnectedClient c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clientId", c.clientId());
        m.put("user", c.user().orElse(""));
        m.put("protocolVersion", c.protocolVersion());
        m.put("listener", c.listener());
        m.put("transport", c.transport());
        m.put("remoteAddress", c.remoteAddress());
        m.put("connectedSince", c.connectedSince().toEpochMilli());
        m.put("subscriptions", c.subscriptions());
        m.put("queued", c.queued());
        m.put("inflight", c.inflight());
        return m;
    }

    private List<Map<String, Object>> bridges() {
        return bridges.get().stream()
                .map(b -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", b.name());
                    m.put("url", b.url());
                    m.put("state", b.connected() ? "online" : "offline");
                    m.put("link", b.state().name().toLowerCase(Locale.ROOT));
                    m.put("required", b.required());
                    m.put("queued", b.queued());
                    m.put("queuedBytes", b.queuedBytes());
                    m.put("sent", b.sent());
                    m.put("received", b.received());
                    m.put("dropped", b.dropped());
                    m.put("skippedHeartbeats", b.skippedHeartbeats());
                    b.lastError().ifPresent(error -> m.put("error", error));
                    return m;
                })
                .toList();
    }

    private Response connect(Request r, Viewer viewer, List<String> path) {
        if (path.size() == 1) return Response.ok(phone.info(viewer.user()));
        if (path.size() == 2 && path.get(1).equals("qr.svg")) {
            String text = r.query().getOrDefault("text", "");
            if (!phone.qrTexts(viewer.user()).contains(text)) return Response.error(404, "no such QR code");
            return Response.text(200, "image/svg+xml", QrSvg.of(text)).with("Cache-Control", "private, max-age=300");
        }
        return notFound();
    }

    private static boolean history(Request r) {
        String h = r.query().getOrDefault("history", "0");
        return h.equals("1") || h.equals("true");
    }

    private static CompletableFuture<Response> done(Response r) {
        return CompletableFuture.completedFuture(r);
    }

    private static Response notFound() {
        return Response.error(404, "not found");
    }

    private static Response notAllowed() {
        return Response.error(405, "method not allowed");
    }
}
