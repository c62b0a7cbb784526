package io.rung.gateway.doctor;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The machine's own addresses as clients elsewhere could reach them, and whether an address is public. */
public final class LocalAddresses {
    private LocalAddresses() {}

    /**
     * Every address of an interface that is up, except loopback and link-local ones; IPv4 first.
     *
     * @throws SocketException when the interfaces cannot be listed
     */
    public static List<InetAddress> reachable() throws SocketException {
        List<InetAddress> v4 = new ArrayList<>();
        List<InetAddress> v6 = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) continue;
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()) continue;
                (a instanceof Inet4Address ? v4 : v6).add(a);
            }
        }
        v4.addAll(v6);
        return v4;
    }

    /** The address without a scope id, IPv6 in brackets as a URL host needs it. */
    public static String urlHost(InetAddress a) {
        String text = a.getHostAddress();
        int scope = text.indexOf('%');
        if (scope >= 0) text = text.substring(0, scope);
        return a instanceof Inet6Address ? "[" + text + "]" : text;
    }

    /**
     * True for an address the internet can route to: not private (RFC 1918, fc00::/7), not shared (100.64.0.0/10,
     * carrier-grade NAT), not loopback, link-local or documentation ranges.
     */
    public static boolean isPublic(InetAddress a) {
        if (a.isLoopbackAddress()
                || a.isLinkLocalAddress()
                || a.isSiteLocalAddress()
                || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 100 && second >= 64 && second < 128) return false; // 100.64.0.0/10
            if (first == 192 && second == 0 && (b[2] & 0xff) == 2) return false; // 192.0.2.0/24
            return first != 0;
        }
        int top = b[0] & 0xff;
        if ((top & 0xfe) == 0xfc) return false; // fc00::/7 unique local
        return !(top == 0x20
                && (b[1] & 0xff) == 0x01
                && (b[2] & 0xff) == 0x0d
                && (b[3] & 0xff) == 0xb8); // 2001:db8::/32
    }
}
