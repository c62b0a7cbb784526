package io.rung.gateway.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's files from the jar: {@code /} is {@code web/index.html}, {@code /static/…} is {@code web/…} and
 * {@code /webjars/NAME/FILE} that file of the WebJar NAME on the class path (its version looked up). Nothing outside those folders is served.
 */
final class StaticFiles {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "json", "application/json; charset=utf-8");

    private final ClassLoader loader = StaticFiles.class.getClassLoader();
    private final Map<String, Optional<String>> versions = new ConcurrentHashMap<>();

    Optional<Response> serve(String path) {
        if (path.equals("/") || path.equals("/index.html")) return load("web/index.html", "no-cache");
        if (path.contains("..") || path.contains("//") || path.contains("\\")) return Optional.empty();
        if (path.startsWith("/static/")) return load("web/" + path.substring("/static/".length()), "no-cache");
        if (path.startsWith("/webjars/")) return webjar(path.substring("/webjars/".length()));
        return Optional.empty();
    }

    /** {@code name/file} is served from the WebJar's current version, so the page need not know it. */
    private Optional<Response> webjar(String rest) {
        int slash = rest.indexOf('/');
        if (slash <= 0) return Optional.empty();
        String name = rest.substring(0, slash);
        Optional<String> version = versions.computeIfAbsent(name, this::version);
        if (version.isEmpty()) return Optional.empty();
        return load(
                "META-INF/resources/webjars/" + name + "/" + version.get() + rest.substring(slash),
                "public, max-age=3600");
    }

    private Optional<String> version(String name) {
        if (!name.matches("[a-z0-9._-]+")) return Optional.empty();
        try (InputStream in =
                loader.getResourceAsStream("META-INF/maven/org.webjars.npm/" + name + "/pom.properties")) {
            if (in == null) return Optional.empty();
            Properties p = new Properties();
            p.load(in);
            return Optional.ofNullable(p.getProperty("version"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the version of WebJar " + name, e);
        }
    }

    private Optional<Response> load(String resource, String cacheControl) {
        int dot = resource.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(resource.substring(dot + 1));
        if (type == null) return Optional.empty();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) return Optional.empty();
            return Optional.of(new Response(200, type, in.readAllBytes(), Map.of("Cache-Control", cacheControl)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource + " from the jar", e);
        }
    }
}
