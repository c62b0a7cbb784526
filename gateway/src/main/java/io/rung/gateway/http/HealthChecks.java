package io.rung.gateway.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every {@link HealthSource} of the gateway; {@code /health} is 200 when every required part is up, else 503. */
public final class HealthChecks {
    private final List<HealthSource> sources = new CopyOnWriteArrayList<>();

    public void add(HealthSource source) {
        sources.add(source);
    }

    /** Every part of every source, in the order the sources were added. */
    public List<PartHealth> parts() {
        List<PartHealth> all = new ArrayList<>();
        for (HealthSource s : sources) all.addAll(s.health());
        return all;
    }

    /** The parts of one kind, such as {@code bridge}. */
    public List<PartHealth> parts(String kind) {
        return parts().stream().filter(p -> p.kind().equals(kind)).toList();
    }

    Response response() {
        List<PartHealth> parts = parts();
        List<String> reasons = new ArrayList<>();
        List<Map<String, Object>> shown = new ArrayList<>();
        for (PartHealth p : parts) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", p.kind());
            m.put("name", p.name());
            m.put("up", p.up());
            m.put("required", p.required());
            p.reason().ifPresent(r -> m.put("reason", r));
            shown.add(m);
            if (p.required() && !p.up())
                reasons.add(
                        p.kind() + " " + p.name() + " is down: " + p.reason().orElse("no reason given"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", reasons.isEmpty() ? "up" : "down");
        if (!reasons.isEmpty()) body.put("reasons", reasons);
        body.put("parts", shown);
        return Response.json(reasons.isEmpty() ? 200 : 503, body).with("Cache-Control", "no-store");
    }
}
