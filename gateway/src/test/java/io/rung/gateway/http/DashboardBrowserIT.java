package io.rung.gateway.http;

import static io.rung.gateway.http.HttpGateway.ADMIN_PASSWORD;
import static io.rung.gateway.http.HttpGateway.VIEWER_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rung.config.ModbusAddress.Kind;
import io.rung.gateway.testing.Mosquitto;
import io.rung.gateway.testing.PhoneBrowser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

/**
 * The dashboard in Debian's headless Chromium through Selenium, as a phone 360 px wide: log in, live values from the
 * Modbus simulator, writes that reach it, a refusal for a read-only user, bridges, clients, "Connect a phone".
 * Every page must fit the width; a screenshot of each goes to {@code target/screenshots/}. One browser for the class.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT {
    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final int SETPOINT = 200; // pump-speed, holding:200 of the simulator

    @TempDir
    static Path dir;

    static HttpGateway g;
    static PhoneBrowser browser;
    static MqttClient phone;
    static @Nullable String loggedIn;

    @BeforeAll
    static void start() throws Exception {
        String bridges = String.format(Locale.ROOT, """
                bridges:
                  - { name: cloud, url: "mqtt://127.0.0.1:%d", required: true, keepAlive: 5s, out: [ { topic: "plant/#" } ] }
                """, Mosquitto.freePort());
        g = new HttpGateway(dir, "", bridges);
        browser = new PhoneBrowser(dir.resolve("chromium"));
        phone = new MqttClient("tcp://127.0.0.1:" + g.mqttPort(), "phone-1", new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setUserName("viewer");
        o.setPassword(VIEWER_PASSWORD.toCharArray());
        phone.connect(o);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (phone != null && phone.isConnected()) phone.disconnect();
            if (phone != null) phone.close();
        } finally {
            if (browser != null) browser.close();
            if (g != null) g.close();
        }
    }

    @Test
    @Order(1)
    void loginPageFitsThePhoneAndSaysWhenThePasswordIsWrong() throws Exception {
        logOut();
        logInWith("admin", "not-the-password");
        browser.waitFor("document.querySelector('form.login .error').innerText !== ''");
        assertThat(browser.text("form.login .error")).contains("wrong user name or password");
        page("login");
    }

    @Test
    @Order(2)
    void devicesPageShowsTheSimulatedDeviceOnline() throws Exception {
        logInAs("admin", ADMIN_PASSWORD);
        browser.open(g.base + "#/");
        browser.waitFor("document.querySelector('main .badge.online') !== null");
        assertThat(browser.text("main"))
                .contains("plc-1")
                .contains("plant/line-1/plc-1")
                .contains("modbus · 3 points");
        page("devices");
    }

    @Test
    @Order(3)
    void pointValueFollowsTheSimulatorWithoutReload() throws Exception {
        logInAs("admin", ADMIN_PASSWORD);
        openDevice();
        browser.waitFor("document.querySelectorAll('.trend canvas').length >= 1");
        browser.waitFor("document.querySelector('.live').innerText.startsWith('Live over MQTT')");
        assertThat(browser.text(".live"))
                .as("values are pushed over MQTT on the HTTP port, not polled")
                .contains("ws://127.0.0.1:" + g.httpPort() + "/mqtt");
        browser.eval("window.__samePage = 'yes'");
        g.plc.set(Kind.HOLDING, SETPOINT, 1111);
        browser.waitFor(value("pump-speed") + " === '1111'");
        assertThat(browser.eval("window.__samePage"))
                .as("the page was not reloaded")
                .isEqualTo("yes");
        page("device");
    }

    @Test
    @Order(4)
    void writeFromThePageReachesTheSimulatorAndShowsTheResult() throws Exception {
        logInAs("admin", ADMIN_PASSWORD);
        openDevice();
        write("pump-speed", "1234");
        browser.waitFor(result("pump-speed") + ".innerText === 'written: 1234'");
        assertThat(browser.find(card("pump-speed") + " .result").getAttribute("class"))
                .contains("ok");
        await().atMost(PhoneBrowser.WAIT).until(() -> g.plc.get(Kind.HOLDING, SETPOINT) == 1234);
        write("pump-speed", "99999");
        browser.waitFor(result("pump-speed") + ".innerText === 'refused: 99999 is above max 1500'");
        assertThat(g.plc.get(Kind.HOLDING, SETPOINT)).isEqualTo(1234);
        assertThat(browser.fitsWidth()).isTrue();
    }

    @Test
    @Order(5)
    void bridgesPageShowsEachBridgeWithItsStateBacklogAndError() throws Exception {
        logInAs("admin", ADMIN_PASSWORD);
        browser.open(g.base + "#/bridges");
        browser.waitFor("document.querySelector('[data-bridge=\"cloud\"] .badge.offline') !== null");
        assertThat(browser.text("[data-bridge=\"cloud\"]"))
                .contains("cloud")
                .contains("required")
                .contains("mqtt://127.0.0.1:")
                .contains("connection refused");
        // the PLC's changing temperature waits for the unreachable cloud: the backlog shows it
        browser.waitFor("Number(document.querySelector('[data-bridge=\"cloud\"] [data-field=\"Backlog (messages)\"]')"
                + ".innerText) > 0");
        page("bridges");
    }

    @Test
    @Order(6)
    void clientsPageListsTheConnectedPhoneWithItsUser() throws Exception {
        logInAs("admin", ADMIN_PASSWORD);
        browser.open(g.base + "#/clients");
        browser.waitFor("document.querySelector('main dl.counts') !== null");
        String connected = (String) browser.eval("document.querySelector('main dl.counts dd').innerText");
        assertThat(Integer.parseInt(connected)).isPositive();
        assertThat(browser.text("main")).contains("Connected now").contains("Most at once");
        browser.waitFor("document.querySelector('main section.client') !== null");
        assertThat(browser.text("main section.client"))
                .contains("phone-1")
                .contains("User")
                .contains("viewer")
                .contains("MQTT version")
                .contains("3.1.1");
        page("clients");
    }

    @Test
    @Order(7)
    void connectPageShowsQrCodesAndAppSettingsButNoPassword() throws Exception {
        logInAs("admin", ADMIN_PASSWORD);
        browser.open(g.base + "#/connect");
        browser.waitFor(
                "[...document.querySelectorAll('img.qr')].filter(i => i.complete && i.naturalWidth > 0).length === 2");
        assertThat(browser.text("main"))
                .contains("mqtt://admin@127.0.0.1:" + g.mqttPort())
                .contains("MQTT Explorer")
                .contains("rung doctor")
                .doesNotContain(ADMIN_PASSWORD);
        page("connect");
    }

    @Test
    @Order(8)
    void userWithoutWriteRightsSeesARefusalAndTheSimulatorIsUntouched() throws Exception {
        logInAs("viewer", VIEWER_PASSWORD);
        openDevice();
        assertThat(browser.eval("document.querySelector('" + card("running") + "') === null"))
                .as("the ACL hides 'running' from viewer")
                .isEqualTo(true);
        int before = g.plc.get(Kind.HOLDING, SETPOINT);
        List<String> writesBefore = g.plc.recentWrites();
        write("pump-speed", "777");
        browser.waitFor(result("pump-speed") + ".className.includes('error')");
        assertThat(browser.text(card("pump-speed") + " .result"))
                .startsWith("refused: user viewer may not write pump-speed")
                .contains("not authorised to publish");
        assertThat(g.plc.get(Kind.HOLDING, SETPOINT)).isEqualTo(before);
        assertThat(g.plc.recentWrites()).isEqualTo(writesBefore);
        page("refusal");
    }

    private static void openDevice() {
        browser.open(g.base + "#/d/plc-1");
        browser.waitFor("document.querySelectorAll('section.point .badge.good').length >= 2");
    }

    private static String card(String point) {
        return "section.point[data-point=\"" + point + "\"]";
    }

    private static String value(String point) {
        return "document.querySelector('" + card(point) + " .value').innerText";
    }

    private static String result(String point) {
        return "document.querySelector('" + card(point) + " .result')";
    }

    /** Types a value into the point's write field and taps "Set", as a user would. */
    private static void write(String point, String value) {
        WebElement input = browser.find(card(point) + " form.write input");
        input.clear();
        input.sendKeys(value);
        browser.find(card(point) + " form.write button[type=submit]").click();
    }

    /** Checks the page fits the phone and has no script errors, then saves its screenshot. */
    private static void page(String name) throws Exception {
        assertThat(browser.fitsWidth())
                .as("page %s scrolls sideways at 360 px", name)
                .isTrue();
        assertThat(browser.errors()).as("script errors on page %s", name).isEmpty();
        Path shot = browser.screenshot(SHOTS.resolve(name + ".png"));
        assertThat(Files.size(shot)).isPositive();
    }

    private static void logOut() {
        browser.open(g.base);
        browser.waitFor("document.querySelector('form.login') !== null || !document.getElementById('nav').hidden");
        if (Boolean.FALSE.equals(browser.eval("document.getElementById('nav').hidden"))) {
            browser.find("#logout").click();
            browser.waitFor("document.querySelector('form.login') !== null");
        }
        loggedIn = null;
    }

    private static void logInWith(String user, String password) {
        WebElement name = browser.find("form.login input[name=user]");
        name.clear();
        name.sendKeys(user);
        WebElement secret = browser.find("form.login input[name=password]");
        secret.clear();
        secret.sendKeys(password);
        browser.find("form.login button[type=submit]").click();
    }

    private static void logInAs(String user, String password) {
        if (user.equals(loggedIn)) return;
        logOut();
        logInWith(user, password);
        browser.waitFor("!document.getElementById('nav').hidden && document.getElementById('who').innerText === '"
                + user + "'");
        loggedIn = user;
    }
}
