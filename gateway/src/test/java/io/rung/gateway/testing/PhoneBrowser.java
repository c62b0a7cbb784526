package io.rung.gateway.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by Selenium through Debian's chromedriver ({@code /usr/bin/chromedriver}, set
 * explicitly so Selenium Manager never downloads anything), emulating a phone 360 CSS px wide, on loopback.
 * Script errors of the page are collected from the first navigation on.
 */
public final class PhoneBrowser implements AutoCloseable {
    /** How long a page may take to show something. */
    public static final Duration WAIT = Duration.ofSeconds(20);

    public static final int WIDTH = 360;
    public static final int HEIGHT = 740;
    private static final String CATCH_ERRORS = "window.__errors = [];"
            + "addEventListener('error', e => window.__errors.push(String(e.message)));"
            + "addEventListener('unhandledrejection', e => window.__errors.push('unhandled: ' + String(e.reason)));";

    private final ChromeDriverService service;
    private final ChromeDriver driver;

    public PhoneBrowser(Path profile) {
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-extensions",
                "--window-size=" + WIDTH + "," + HEIGHT,
                "--user-data-dir=" + profile);
        options.setExperimentalOption(
                "mobileEmulation",
                Map.of(
                        "deviceMetrics",
                        Map.of("width", WIDTH, "height", HEIGHT, "pixelRatio", 1.0, "touch", true, "mobile", true)));
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", CATCH_ERRORS));
    }

    public void open(String url) {
        driver.get(url);
    }

    /** Runs {@code return (script)} in the page. */
    public Object eval(String expression) {
        return driver.executeScript("return (" + expression + ");");
    }

    public String text(String cssSelector) {
        return driver.findElement(By.cssSelector(cssSelector)).getText();
    }

    public WebElement find(String cssSelector) {
        return driver.findElement(By.cssSelector(cssSelector));
    }

    /** Waits until the JavaScript {@code condition} is true; on timeout says what the page shows instead. */
    public void waitFor(String condition) {
        waitUntil(condition, () -> Boolean.TRUE.equals(eval("!!(" + condition + ")")));
    }

    public void waitUntil(String what, Callable<Boolean> condition) {
        try {
            Awaitility.await().atMost(WAIT).ignoreExceptions().until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    "page never showed " + what + "; it is at " + driver.getCurrentUrl() + " showing: "
                            + eval("document.body.innerText") + "; script errors: " + errors(),
                    e);
        }
    }

    /** True when the page fits the width: nothing scrolls sideways. */
    public boolean fitsWidth() {
        return Boolean.TRUE.equals(
                eval("document.documentElement.scrollWidth <= document.documentElement.clientWidth"));
    }

    @SuppressWarnings("unchecked")
    public List<String> errors() {
        Object e = eval("window.__errors || []");
        return (List<String>) e;
    }

    /** Saves the whole page (not just the viewport), {@value #WIDTH} px wide, as a PNG. */
    public Path screenshot(Path file) throws Exception {
        eval("window.scrollTo(0, 0)"); // else the sticky header is drawn where the page was scrolled to
        long height = ((Number) eval("Math.ceil(document.documentElement.scrollHeight)")).longValue();
        Map<String, Object> shot = driver.executeCdpCommand(
                "Page.captureScreenshot",
                Map.of(
                        "format",
                        "png",
                        "captureBeyondViewport",
                        true,
                        "clip",
                        Map.of("x", 0, "y", 0, "width", WIDTH, "height", Math.max(height, HEIGHT), "scale", 1)));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
        return file;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }
}
