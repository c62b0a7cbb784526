package io.rung.broker.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Formats benchmark results as a Markdown table, Rung and mosquitto side by side. */
final class ResultTable {
    private ResultTable() {}

    static String markdown(List<ScenarioRun.Result> results, Map<String, Double> cpu) {
        StringBuilder out = new StringBuilder();
        out.append("| scenario | Rung msg/s | mosquitto msg/s | Rung / mosquitto | Rung msg per CPU-s"
                + " | mosquitto msg per CPU-s | delivered (Rung / mosquitto) | QoS 1 lost (Rung / mosquitto) |\n");
        out.append("| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |\n");
        for (int i = 0; i + 1 < results.size(); i += 2) {
            ScenarioRun.Result rung = results.get(i);
            ScenarioRun.Result mosq = results.get(i + 1);
            String label = rung.scenario().label();
            double rungCpu = cpu.getOrDefault("rung/" + label, 0.0);
            double mosqCpu = cpu.getOrDefault("mosquitto/" + label, 0.0);
            out.append(String.format(
                    Locale.ROOT,
                    "| %s (%d clients) | %,.0f | %,.0f | %.2f× | %,.0f | %,.0f | %s / %s | %s / %s |%n",
                    label,
                    rung.scenario().clients(),
                    rung.perSecond(),
                    mosq.perSecond(),
                    mosq.perSecond() == 0 ? 0 : rung.perSecond() / mosq.perSecond(),
                    rungCpu == 0 ? 0 : rung.delivered() / rungCpu,
                    mosqCpu == 0 ? 0 : mosq.delivered() / mosqCpu,
                    share(rung),
                    share(mosq),
                    lost(rung),
                    lost(mosq)));
        }
        return out.toString();
    }

    private static String share(ScenarioRun.Result r) {
        return r.expected() == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * r.delivered() / r.expected());
    }

    private static String lost(ScenarioRun.Result r) {
        return r.scenario().qos() == 0 ? "n/a" : Long.toString(r.lost());
    }
}
