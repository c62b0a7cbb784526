package io.rung.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the URLs a config names (Modbus, OPC UA, bridge remotes). A URL is never echoed whole in a message: it
 * might carry a password; messages show only the part that is wrong.
 */
final class UrlChecks {
    private static final Pattern URL = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*)://([^/?#]*)([^?#]*)(?:\\?([^#]*))?");
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9a-fA-F:.]+\\]|[^:\\[\\]]*)(?::([0-9]*))?");
    private static final Map<String, Set<String>> SERIAL_VALUES =
            Map.of("parity", Set.of("none", "even", "odd"), "data", Set.of("7", "8"), "stop", Set.of("1", "2"));
    private static final List<String> SERIAL_KEYS = List.of("baud", "parity", "data", "stop");

    private UrlChecks() {}

    /** The pieces of a URL: port -1 when absent, path possibly empty, query empty when absent. */
    record Parts(String scheme, String host, int port, String path, String query) {}

    /** A Modbus line: the serial port or host:port it uses, and (for serial) its settings. */
    record ModbusLine(String name, boolean serial, Map<String, String> settings) {}

    static Optional<Parts> parse(ScalarValue v, List<String> schemes, String example) {
        String text = v.text().strip();
        Matcher m = URL.matcher(text);
        if (!m.matches()) {
            v.error("must be a URL such as " + example
                    + (text.contains("@") || v.scalar().substituted() ? "" : " (was '" + text + "')"));
            return Optional.empty();
        }
        String scheme = m.group(1);
        if (!schemes.contains(scheme)) {
            String shown = v.scalar().substituted() ? v.scalar().was() : "(was '" + scheme + "')";
            v.error("scheme must be one of " + String.join(", ", schemes) + " " + shown);
            return Optional.empty();
        }
        String authority = m.group(2);
        if (authority.contains("@")) {
            v.error("must not contain a user name or password; use the username and password keys");
            return Optional.empty();
        }
        Matcher hp = HOST_PORT.matcher(authority);
        if (!hp.matches()) {
            v.error("host and port are not valid; write them as " + example);
            return Optional.empty();
        }
        int port = -1;
        if (hp.group(2) != null) {
            if (hp.group(2).isEmpty()
                    || hp.group(2).length() > 5
                    || Integer.parseInt(hp.group(2)) < 1
                    || Integer.parseInt(hp.group(2)) > 65535) {
                v.error("port must be between 1 and 65535"
                        + (v.scalar().substituted() ? "" : " (was '" + hp.group(2) + "')"));
                return Optional.empty();
            }
            port = Integer.parseInt(hp.group(2));
        }
        return Optional.of(new Parts(scheme, hp.group(1), port, m.group(3), m.group(4) == null ? "" : m.group(4)));
    }

    /** {@code tcp://host:port}, {@code rtu+tcp://host:port} or {@code rtu:///dev/ttyUSB0?baud=9600&…}. */
    static Optional<ModbusLine> modbus(ScalarValue v) {
        Optional<Parts> parsed = parse(v, List.of("tcp", "rtu", "rtu+tcp"), "tcp://192.168.1.10:502");
        if (parsed.isEmpty()) return Optional.empty();
        Parts p = parsed.get();
        if (!p.scheme().equals("rtu")) {
            if (!needsHost(v, p, p.scheme() + "://192.168.1.10:502") || !noPathOrQuery(v, p)) return Optional.empty();
            return Optional.of(new ModbusLine(p.host() + ":" + (p.port() < 0 ? 502 : p.port()), false, Map.of()));
        }
        String port;
        if (p.path().isEmpty() || p.path().equals("/")) {
            port = p.host(); // rtu://COM3 on Windows
        } else if (p.host().isEmpty()) {
            port = p.path(); // rtu:///dev/ttyUSB0
        } else {
            v.error("a serial port is written with three slashes, such as rtu:///dev/ttyUSB0");
            return Optional.empty();
        }
        if (port.isEmpty()) {
            v.error("needs a serial port, such as rtu:///dev/ttyUSB0?baud=9600&parity=none&data=8&stop=1");
            return Optional.empty();
        }
        return serialSettings(v, p.query()).map(s -> new ModbusLine(port, true, s));
    }

    private static Optional<Map<String, String>> serialSettings(ScalarValue v, String query) {
        Map<String, String> settings = new LinkedHashMap<>();
        boolean ok = true;
        for (String pair : query.isEmpty() ? new String[0] : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            String shown = v.scalar().substituted() ? "" : " (was '" + value + "')";
            if (!SERIAL_KEYS.contains(key)) {
                v.error("unknown serial setting '" + key + "'" + DidYouMean.hint(key, SERIAL_KEYS)
                        + "; known: baud, parity, data, stop");
                ok = false;
            } else if (key.equals("baud")
                    ? !value.matches("[1-9][0-9]{1,6}")
                    : !SERIAL_VALUES.get(key).contains(value)) {
                String rule = switch (key) {
                    case "baud" -> "a number such as 9600";
                    case "parity" -> "none, even or odd";
                    case "data" -> "7 or 8";
                    default -> "1 or 2";
                };
                v.error("serial setting " + key + " must be " + rule + shown);
                ok = false;
            } else {
                settings.put(key, value);
            }
        }
        return ok ? Optional.of(settings) : Optional.empty();
    }

    /** {@code opc.tcp://host:port/path}. */
    static boolean opcUa(ScalarValue v) {
        Optional<Parts> p = parse(v, List.of("opc.tcp"), "opc.tcp://192.168.1.20:4840");
        return p.isPresent() && needsHost(v, p.get(), "opc.tcp://192.168.1.20:4840");
    }

    /** {@code mqtt://}, {@code tcp://}, {@code mqtts://}, {@code ssl://} with a host and no path. */
    static Optional<Parts> bridge(ScalarValue v) {
        Optional<Parts> p = parse(v, List.of("mqtt", "mqtts", "tcp", "ssl"), "mqtts://broker.example.com:8883");
        if (p.isEmpty() || !needsHost(v, p.get(), "mqtts://broker.example.com:8883") || !noPathOrQuery(v, p.get())) {
            return Optional.empty();
        }
        return p;
    }

    static boolean isTls(Parts p) {
        return p.scheme().equals("mqtts") || p.scheme().equals("ssl");
    }

    private static boolean needsHost(ScalarValue v, Parts p, String example) {
        if (p.host().isEmpty()) v.error("needs a host, such as " + example);
        return !p.host().isEmpty();
    }

    private static boolean noPathOrQuery(ScalarValue v, Parts p) {
        boolean ok = (p.path().isEmpty() || p.path().equals("/")) && p.query().isEmpty();
        if (!ok) v.error("must not have a path or query after host:port");
        return ok;
    }
}
