package io.rung.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listeners, TLS files, auth and ACL, limits, HTTP. */
class BrokerConfigTest {
    @TempDir
    Path dir;

    private ConfigFixture fixture() {
        return new ConfigFixture(dir);
    }

    @Test
    void websocketPathStartsWithASlash() {
        fixture()
                .failsWith(
                        "broker: { listeners: [ { port: 8083, websocket: mqtt } ] }",
                        "rung.yaml:1:49: broker.listeners[0].websocket: must be a path starting with '/', such as /mqtt "
                                + "(was 'mqtt')");
    }

    @Test
    void missingCertificateFileIsAProblemAtItsLocation() throws Exception {
        Files.writeString(dir.resolve("server.key"), "key");
        Path expected = dir.resolve("certs/server.crt").normalize();
        fixture()
                .failsWith(
                        """
                broker:
                  listeners:
                    - port: 8883
                      tls: { cert: certs/server.crt, key: server.key }
                """,
                        "rung.yaml:4:20: broker.listeners[0].tls.cert: file not found (looked for " + expected + ")");
    }

    @Test
    void tlsNeedsCertAndKey() {
        assertThat(fixture().problems("broker: { listeners: [ { port: 8883, tls: { } } ] }"))
                .containsExactly(
                        "rung.yaml:1:43: broker.listeners[0].tls: missing key 'cert'",
                        "rung.yaml:1:43: broker.listeners[0].tls: missing key 'key'");
    }

    @Test
    void tlsPathsResolveAgainstTheConfigFolder() throws Exception {
        Files.writeString(dir.resolve("a.crt"), "c");
        Files.writeString(dir.resolve("a.key"), "k");
        TlsConfig tls = fixture()
                .ok("broker: { listeners: [ { port: 8883, tls: { cert: a.crt, key: a.key, " + "keyPassword: pw } } ] }")
                .broker()
                .listeners()
                .get(0)
                .tls()
                .orElseThrow();
        assertThat(tls.cert()).isEqualTo(dir.resolve("a.crt"));
        assertThat(tls.keyPassword()).contains(new Secret("pw"));
    }

    @Test
    void certificateUserNamesNeedAClientCa() throws Exception {
        Files.writeString(dir.resolve("a.crt"), "c");
        Files.writeString(dir.resolve("a.key"), "k");
        fixture()
                .failsWith(
                        "broker: { listeners: [ { port: 8883, tls: { cert: a.crt, key: a.key, "
                                + "useCertificateAsUsername: true } } ] }",
                        "rung.yaml:1:96: broker.listeners[0].tls.useCertificateAsUsername: needs clientCa: only verified "
                                + "client certificates can name a user");
    }

    @Test
    void twoListenersOnOnePortClash() {
        fixture()
                .failsWith(
                        "broker: { listeners: [ { port: 1883 }, { port: 1883, websocket: /mqtt } ] }",
                        "rung.yaml:1:48: broker.listeners[1].port: port 1883 is already used by broker.listeners[0] (mqtt)");
        assertThat(fixture()
                        .ok("broker: { listeners: [ { port: 0 }, { port: 0 } ] }")
                        .broker()
                        .listeners())
                .hasSize(2);
        assertThat(fixture()
                        .ok("broker: { listeners: [ { port: 1883, bind: 127.0.0.1 }, { port: 1883, bind: "
                                + "\"::1\" } ] }")
                        .broker()
                        .listeners())
                .hasSize(2);
    }

    @Test
    void httpPortClashesWithAListener() {
        fixture()
                .failsWith(
                        "broker: { listeners: [ { port: 8080 } ] }\nhttp: { port: 8080 }\n",
                        "rung.yaml:2:15: http.port: port 8080 is already used by broker.listeners[0] (mqtt)");
    }

    @Test
    void aclAccessIsOneOfFourWords() {
        fixture()
                .failsWith(
                        "broker: { auth: { anonymous: true, acl: [ { user: \"*\", topic: \"#\", access: rw } ] } }",
                        "rung.yaml:1:76: broker.auth.acl[0].access: must be one of read, write, readwrite, deny (was 'rw')");
    }

    @Test
    void aclTopicIsAValidFilter() {
        fixture()
                .failsWith(
                        "broker: { auth: { anonymous: true, acl: [ { user: u, topic: \"a/#/b\", access: read } "
                                + "] } }",
                        "rung.yaml:1:61: broker.auth.acl[0].topic: '#' must be a whole level and the last one "
                                + "(was 'a/#/b')");
    }

    @Test
    void passwordFileMustExist() throws Exception {
        fixture()
                .failsWith(
                        "broker: { auth: { passwordFile: passwd } }",
                        "rung.yaml:1:33: broker.auth.passwordFile: file not found (looked for " + dir.resolve("passwd")
                                + ")");
        Files.writeString(dir.resolve("passwd"), "admin:$7$...\n");
        assertThat(fixture()
                        .ok("broker: { auth: { passwordFile: passwd } }")
                        .broker()
                        .auth())
                .contains(new AuthConfig(false, Optional.of(dir.resolve("passwd")), java.util.List.of()));
    }

    @Test
    void authWithoutAnyWayInIsAWarning() {
        assertThat(fixture().warnings("broker: { auth: { anonymous: false } }"))
                .containsExactly(
                        "rung.yaml:1:17: warning: broker.auth: no passwordFile, anonymous is false and no listener takes "
                                + "certificate user names: no client can connect");
    }

    @Test
    void limitsAndSysInterval() {
        BrokerConfig broker = fixture().ok("""
                broker:
                  limits: { maxPacketSize: 1MiB, maxQueuedMessages: 500, maxInflight: 10, maxKeepAlive: 600,
                            receiveMaximum: 100, maxSessionExpiry: 1h, topicAliasMaximum: 0 }
                  sysInterval: 0
                """).broker();
        assertThat(broker.limits())
                .isEqualTo(new LimitsConfig(DataSize.ofMiB(1), 500, 10, 600, 100, java.time.Duration.ofHours(1), 0));
        assertThat(broker.sysInterval()).isZero();
    }

    @Test
    void persistenceDirIsRelativeToTheConfigFolder() {
        PersistenceConfig p = fixture()
                .ok("broker: { persistence: { dir: state, fsync: always } }")
                .broker()
                .persistence();
        assertThat(p).isEqualTo(new PersistenceConfig(dir.resolve("state"), PersistenceConfig.Fsync.ALWAYS));
    }

    @Test
    void httpSection() {
        HttpConfig http = fixture()
                .ok("http: { port: 8080, bind: 127.0.0.1, publicHost: gw.example.com }")
                .http()
                .orElseThrow();
        assertThat(http)
                .isEqualTo(new HttpConfig(
                        8080, Optional.of("127.0.0.1"), Optional.of("gw.example.com"), Optional.empty()));
        assertThat(fixture().problems("http: { port: 8080, tls: { cert: a, key: b, clientCa: c } }"))
                .contains("rung.yaml:1:45: http.tls: unknown key 'clientCa'");
    }
}
