package io.rung.gateway.http;

import static io.rung.gateway.http.HttpGateway.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rung.config.ModbusAddress.Kind;
import io.rung.gateway.testing.HeadlessChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in headless Chromium at a phone's width (360 px): login, devices, a device's live points with a
 * write, the "Connect a phone" page; nothing may scroll sideways. Screenshots go to {@code target/screenshots/}.
 */
class DashboardBrowserIT {
    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final String NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth";
    @TempDir static Path dir;
    static HttpGateway g;
    static HeadlessChromium browser;

    @BeforeAll
    static void start() throws Exception {
        g = new HttpGateway(dir, "");
        browser = new HeadlessChromium(dir.resolve("chromium"), 360, 800);
        browser.navigate(g.base);
        waitFor("document.querySelector('form.login') !== null");
        assertThat(browser.eval(NO_SIDEWAYS_SCROLL).asBoolean()).isTrue();
        browser.screenshot(SHOTS.resolve("login-360.png"));
        browser.eval("(() => { const f = document.querySelector('form.login'); f.user.value = 'admin';"
                + " f.password.value = '" + ADMIN_PASSWORD + "'; f.requestSubmit(); return true; })()");
        waitFor("!document.getElementById('nav').hidden");
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (g != null) g.close();
    }

    @Test
    void pageRunsWithoutScriptErrors() {
        assertThat(browser.errors()).isEmpty();
    }

    @Test
    void devicesPageShowsStatusWithoutSidewaysScroll() throws Exception {
        browser.navigate(g.base + "#/");
        waitFor("document.querySelector('main .badge.online') !== null");
        assertThat(browser.eval("document.querySelector('main').innerText").asText()).contains("plc-1").contains("modbus");
        assertThat(browser.eval(NO_SIDEWAYS_SCROLL).asBoolean()).isTrue();
        browser.screenshot(SHOTS.resolve("devices-360.png"));
        assertThat(Files.size(SHOTS.resolve("devices-360.png"))).isPositive();
    }

    @Test
    void devicePageShowsValuesTrendsAndWritesThroughTheApi() throws Exception {
        browser.navigate(g.base + "#/d/plc-1");
        waitFor("document.querySelectorAll('section.card .badge.good').length === 3");
        waitFor("document.querySelectorAll('.trend canvas').length >= 1");
        assertThat(browser.eval("document.querySelector('.live').innerText").asText()).contains("Updating every 2 s");
        browser.eval("(() => { const f = document.querySelector('form.write'); f.querySelector('input').value = '1234';"
                + " f.requestSubmit(); return true; })()");
        waitFor("(document.querySelector('.result.ok') || {}).innerText === 'written: 1234'");
        assertThat(g.plc.get(Kind.HOLDING, 200)).isEqualTo(1234);
        browser.eval("(() => { const f = document.querySelector('form.write'); f.querySelector('input').value = '99999';"
                + " f.requestSubmit(); return true; })()");
        waitFor("(document.querySelector('.result.error') || {}).innerText === 'refused: 99999 is above max 1500'");
        assertThat(browser.eval(NO_SIDEWAYS_SCROLL).asBoolean()).isTrue();
        browser.screenshot(SHOTS.resolve("device-360.png"));
    }

    @Test
    void connectPageShowsQrCodeAndAppSettingsWithoutSidewaysScroll() throws Exception {
        browser.navigate(g.base + "#/connect");
        waitFor("[...document.querySelectorAll('img.qr')].filter(i => i.complete && i.naturalWidth > 0).length === 2");
        String text = browser.eval("document.querySelector('main').innerText").asText();
        assertThat(text).contains("mqtt://admin@127.0.0.1:" + g.mqttPort()).contains("MQTT Explorer")
                .contains("rung doctor").doesNotContain(ADMIN_PASSWORD);
        assertThat(browser.eval(NO_SIDEWAYS_SCROLL).asBoolean()).isTrue();
        browser.screenshot(SHOTS.resolve("connect-360.png"));
    }

    private static void waitFor(String condition) throws Exception {
        try {
            await().atMost(HeadlessChromium.WAIT).ignoreExceptions()
                    .until(() -> browser.eval("!!(" + condition + ")").asBoolean());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("page never showed " + condition + "; it is at "
                    + browser.eval("location.href") + " showing: " + browser.eval("document.body.innerText")
                    + "; script errors: " + browser.errors(), e);
        }
    }
}
