package io.rung.gateway.http;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as the routes see it, without Netty types.
 *
 * @param path the decoded path without the query, such as {@code /api/v1/devices}
 * @param headers lower-cased names, first value of each
 * @param secure true when the request came over TLS
 */
public record Request(
        String method,
        String path,
        Map<String, String> query,
        Map<String, String> headers,
        Map<String, String> cookies,
        byte[] body,
        InetSocketAddress remote,
        boolean secure) {
    public Request {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
        cookies = Map.copyOf(cookies);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    public Optional<String> cookie(String name) {
        return Optional.ofNullable(cookies.get(name));
    }

    public boolean isGet() {
        return method.equals("GET") || method.equals("HEAD");
    }

    /** The origin this request was addressed to, as a browser would write it: {@code http://host:port}. */
    public Optional<String> ownOrigin() {
        return header("host").map(host -> (secure ? "https://" : "http://") + host);
    }
}
