package io.rung.drivers.modbus;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where a Modbus line goes, parsed from a device's {@code url}: {@code tcp://host:port} (Modbus TCP, default port
 * 502), {@code rtu+tcp://host:port} (RTU frames over TCP, e.g. a serial server) or
 * {@code rtu:///dev/ttyUSB0?baud=9600&parity=none&data=8&stop=1} (RTU on a serial port; these are the defaults).
 *
 * @param host the TCP host, empty for serial lines
 * @param serialPort the serial port, empty for TCP lines
 * @param parity {@code none}, {@code even} or {@code odd}
 */
public record ModbusEndpoint(
        Framing framing,
        String host,
        int port,
        String serialPort,
        int baud,
        String parity,
        int dataBits,
        int stopBits) {
    /** How frames travel. */
    public enum Framing {
        TCP,
        RTU,
        RTU_OVER_TCP
    }

    private static final Set<String> SERIAL_KEYS = Set.of("baud", "parity", "data", "stop");

    /**
     * Parses a device url.
     *
     * @throws IllegalArgumentException with a message in words when the url is not one of the three forms
     */
    public static ModbusEndpoint parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + url + "' is not a valid url: " + e.getReason(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "tcp" -> tcp(Framing.TCP, uri, url);
            case "rtu+tcp" -> tcp(Framing.RTU_OVER_TCP, uri, url);
            case "rtu" -> serial(uri, url);
            default ->
                throw new IllegalArgumentException(
                        "modbus url must start with tcp://, rtu+tcp:// or rtu:// (was '" + url + "')");
        };
    }

    private static ModbusEndpoint tcp(Framing framing, URI uri, String url) {
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("modbus url '" + url + "' has no host");
        }
        if (uri.getQuery() != null) {
            throw new IllegalArgumentException(
                    "modbus url '" + url + "' takes no options after '?' (those are for rtu://)");
        }
        String host = uri.getHost().startsWith("[")
                ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        int port = uri.getPort() < 0 ? 502 : uri.getPort();
        return new ModbusEndpoint(framing, host.toLowerCase(Locale.ROOT), port, "", 0, "none", 8, 1);
    }

    private static ModbusEndpoint serial(URI uri, String url) {
        String port = uri.getPath() != null && !uri.getPath().isEmpty()
                ? uri.getPath()
                : uri.getAuthority() != null ? uri.getAuthority() : "";
        if (port.isEmpty()) {
            throw new IllegalArgumentException(
                    "modbus url '" + url + "' names no serial port, e.g. rtu:///dev/ttyUSB0");
        }
        Map<String, String> options = new LinkedHashMap<>();
        if (uri.getQuery() != null) {
            for (String pair : uri.getQuery().split("&")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                if (!SERIAL_KEYS.contains(key)) {
                    throw new IllegalArgumentException(
                            "modbus url '" + url + "': unknown option '" + key + "' (known: baud, parity, data, stop)");
                }
                options.put(key, eq < 0 ? "" : pair.substring(eq + 1).toLowerCase(Locale.ROOT));
            }
        }
        int baud = number(options.getOrDefault("baud", "9600"), "baud", url, 50, 4_000_000);
        String parity = options.getOrDefault("parity", "none");
        if (!Set.of("none", "even", "odd").contains(parity)) {
            throw new IllegalArgumentException(
                    "modbus url '" + url + "': parity must be none, even or odd (was '" + parity + "')");
        }
        int data = number(options.getOrDefault("data", "8"), "data", url, 7, 8);
        int stop = number(options.getOrDefault("stop", "1"), "stop", url, 1, 2);
        return new ModbusEndpoint(Framing.RTU, "", 0, port, baud, parity, data, stop);
    }

    private static int number(String text, String key, String url, int min, int max) {
        try {
            int n = Integer.parseInt(text);
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // reported below with the rule
        }
        throw new IllegalArgumentException("modbus url '" + url + "': " + key + " must be between " + min + " and "
                + max + " (was '" + text + "')");
    }

    public boolean isSerial() {
        return framing == Framing.RTU;
    }

    /** RTU framing (serial or over TCP): no broadcast reads, no transaction ids. */
    public boolean isRtu() {
        return framing != Framing.TCP;
    }

    /** What devices sharing a line have in common: the serial port, or host:port. */
    public String lineKey() {
        return isSerial() ? serialPort : hostPort();
    }

    /** {@code 10.0.0.5:502}, with IPv6 hosts in brackets. */
    public String hostPort() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** Serial settings as usually written: {@code 9600 8N1}. */
    public String serialSettings() {
        return baud + " " + dataBits + Character.toUpperCase(parity.charAt(0)) + stopBits;
    }

    /** For log lines: {@code modbus tcp 10.0.0.5:502}, {@code modbus rtu /dev/ttyUSB0 9600 8N1}. */
    public String describe() {
        return switch (framing) {
            case TCP -> "modbus tcp " + hostPort();
            case RTU_OVER_TCP -> "modbus rtu over tcp " + hostPort();
            case RTU -> "modbus rtu " + serialPort + " " + serialSettings();
        };
    }
}
