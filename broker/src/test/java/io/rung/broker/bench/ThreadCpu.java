package io.rung.broker.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where this JVM's CPU time went between two points: CPU seconds per thread name group (numbers stripped, so the
 * event loops of one group add up), the whole process, and another process such as mosquitto. Also the load average.
 */
final class ThreadCpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Map<Long, Long> startNanos = new HashMap<>();
    private final double processStart;

    private ThreadCpu() {
        for (long id : THREADS.getAllThreadIds()) startNanos.put(id, Math.max(0, THREADS.getThreadCpuTime(id)));
        processStart = cpuSeconds(ProcessHandle.current().pid());
    }

    static ThreadCpu start() {
        return new ThreadCpu();
    }

    /** CPU seconds of this JVM since {@link #start()}. */
    double processSeconds() {
        return cpuSeconds(ProcessHandle.current().pid()) - processStart;
    }

    /** The thread groups that used the most CPU since {@link #start()}, as "name 1.23 s, …". */
    String top(int n) {
        Map<String, Double> byGroup = new HashMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            var info = THREADS.getThreadInfo(id);
            long now = THREADS.getThreadCpuTime(id);
            if (info == null || now < 0) continue;
            String group = info.getThreadName().replaceAll("[-#]?\\d+", "");
            byGroup.merge(group, (now - startNanos.getOrDefault(id, 0L)) / 1e9, Double::sum);
        }
        return byGroup.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(n)
                .map(e -> String.format(Locale.ROOT, "%s %.2f s", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    /** User plus system CPU seconds a process has used so far (0 when it is gone). */
    static double cpuSeconds(long pid) {
        return ProcessHandle.of(pid)
                .flatMap(p -> p.info().totalCpuDuration())
                .map(d -> d.toNanos() / 1e9)
                .orElse(0.0);
    }

    /** The 1-minute load average from /proc/loadavg, or -1 where there is none. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
