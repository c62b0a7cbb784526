package io.rung.broker.bench;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Markdown tables of the bridge benchmark: one row per forwarding run, one for the backlog drain. */
final class BridgeResultTable {
    private BridgeResultTable() {}

    static String markdown(List<ForwardRun.Result> forwarded, BacklogDrain.@Nullable Result drained) {
        StringBuilder t = new StringBuilder();
        if (!forwarded.isEmpty()) {
            t.append("| QoS | publishers | published | forwarded (at mosquitto) | forwarded msg/s | lost | duplicates"
                    + " | bridge dropped | max queued | JVM CPU s | mosquitto CPU s | load avg |\n");
            t.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
            for (ForwardRun.Result r : forwarded) {
                t.append(String.format(
                        Locale.ROOT,
                        "| %d | %d | %,d | %,d (%.1f %%) | %,.0f | %s | %d | %,d | %,d | %.1f | %.1f"
                                + " | %.1f–%.1f |%n",
                        r.qos(),
                        r.publishers(),
                        r.sent(),
                        r.delivered(),
                        100.0 * r.delivered() / Math.max(1, r.sent()),
                        r.perSecond(),
                        r.qos() == 0 ? "n/a" : String.valueOf(r.lost()),
                        r.duplicates(),
                        r.bridgeDropped(),
                        r.maxQueued(),
                        r.jvmCpu(),
                        r.mosquittoCpu(),
                        r.loadBefore(),
                        r.loadAfter()));
            }
        }
        if (drained != null) {
            if (!t.isEmpty()) t.append('\n');
            t.append("| backlog | payload | fill msg/s | queue file | bridge connected after | drained in | drain msg/s"
                    + " | missing | duplicates | JVM CPU s | mosquitto CPU s | load avg |\n");
            t.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
            BacklogDrain.Result d = drained;
            t.append(String.format(
                    Locale.ROOT,
                    "| %,d | %d B | %,.0f | %.1f MiB | %.1f s | %.1f s | %,.0f | %d | %d | %.1f | %.1f"
                            + " | %.1f–%.1f |%n",
                    d.count(),
                    d.payload(),
                    d.fillPerSecond(),
                    d.fileBytes() / 1048576.0,
                    d.connectSeconds(),
                    d.drainSeconds(),
                    d.drainPerSecond(),
                    d.missing(),
                    d.duplicates(),
                    d.jvmCpu(),
                    d.mosquittoCpu(),
                    d.loadBefore(),
                    d.loadAfter()));
        }
        return t.toString();
    }
}
