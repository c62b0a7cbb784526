package io.rung.gateway.doctor;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Compares IP address literals without DNS: {@code ::1} equals {@code 0:0:0:0:0:0:0:1}. */
final class IpText {
    private IpText() {}

    static boolean same(String a, String b) {
        if (!literal(a) || !literal(b)) return false;
        try {
            return InetAddress.getByName(strip(a)).equals(InetAddress.getByName(strip(b)));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Only digits, dots, colons and hex: never triggers a DNS lookup. */
    static boolean literal(String s) {
        String t = strip(s);
        return !t.isEmpty() && (t.matches("[0-9.]+") || (t.contains(":") && t.matches("[0-9a-fA-F:.]+")));
    }

    private static String strip(String s) {
        return s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
    }
}
