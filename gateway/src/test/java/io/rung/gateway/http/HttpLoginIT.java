package io.rung.gateway.http;

import static io.rung.gateway.http.HttpGateway.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import io.rung.gateway.testing.TestCerts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Login throttling and the session cookie over TLS, each on a gateway of its own. */
class HttpLoginIT {
    @TempDir
    Path dir;

    @Test
    void fifthWrongPasswordBlocksFurtherLoginsFromThatAddress() throws Exception {
        try (HttpGateway g = new HttpGateway(dir, "")) {
            for (int i = 0; i < 5; i++) {
                assertThat(g.post("/api/v1/login", HttpGateway.loginBody("admin", "wrong-" + i))
                                .statusCode())
                        .isEqualTo(401);
            }
            HttpResponse<String> blocked = g.post("/api/v1/login", HttpGateway.loginBody("admin", ADMIN_PASSWORD));
            assertThat(blocked.statusCode()).isEqualTo(429);
            assertThat(blocked.body()).contains("too many failed logins from 127.0.0.1; try again in");
            assertThat(blocked.headers().firstValue("Set-Cookie")).isEmpty();
        }
    }

    @Test
    void sessionCookieIsSecureOverTls() throws Exception {
        TestCerts certs = TestCerts.create(dir.resolve("certs"));
        String tls = ", tls: { cert: " + certs.cert() + ", key: " + certs.key() + " }";
        try (HttpGateway g = new HttpGateway(dir, tls)) {
            assertThat(g.base).startsWith("https://127.0.0.1:");
            HttpClient client = HttpClient.newBuilder()
                    .sslContext(certs.trustingCa())
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            HttpResponse<String> r = client.send(
                    HttpRequest.newBuilder(URI.create(g.base + "api/v1/login"))
                            .POST(HttpRequest.BodyPublishers.ofString(HttpGateway.loginBody("admin", ADMIN_PASSWORD)))
                            .header("Origin", g.origin())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Set-Cookie").orElseThrow())
                    .contains("; HttpOnly")
                    .contains("; SameSite=Strict")
                    .endsWith("; Secure");
            HttpResponse<String> health = client.send(
                    HttpRequest.newBuilder(URI.create(g.base + "health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        }
    }
}
