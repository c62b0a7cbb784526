package io.rung.gateway.http;

import io.rung.config.HttpConfig;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.function.IntSupplier;

/** Wires the routes of the HTTP server from the gateway's parts. */
final class Routes {
    private Routes() {}

    static Router build(
            HttpConfig http,
            HttpParts parts,
            LiveValues live,
            CommandSender commands,
            Executor blocking,
            IntSupplier httpPort) {
        Sessions sessions = new Sessions(Clock.systemUTC());
        Login login = new Login(parts.authenticator(), parts.tokens(), "http:" + http.port());
        PhoneSetup phone = new PhoneSetup(parts.broker()::listeners, http, httpPort);
        ApiRoutes api = new ApiRoutes(
                parts.broker(),
                parts.acl(),
                parts.tokens(),
                new DeviceViews(parts.devices(), live),
                commands,
                parts.bridges(),
                phone,
                httpPort,
                http.tls().isPresent());
        SessionRoutes sessionRoutes = new SessionRoutes(sessions, login, api, blocking);
        return new Router(
                parts.health(), parts.metrics(), new StaticFiles(), sessions, sessionRoutes, api, login, blocking);
    }
}
