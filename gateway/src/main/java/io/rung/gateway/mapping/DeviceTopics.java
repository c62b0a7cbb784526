package io.rung.gateway.mapping;

import io.rung.config.DeviceConfig;
import io.rung.config.PointConfig;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The topics of a device: {@code <topic>/<point>}, {@code <topic>/$status}, {@code <topic>/<point>/set[/result]}. */
public final class DeviceTopics {
    /** The last topic level of a command. */
    public static final String SET = "set";

    private DeviceTopics() {}

    /** Where a point's value is published, retained. */
    public static String value(DeviceConfig device, String point) {
        return device.topic() + "/" + point;
    }

    /** Where the device's {@code $status} is published, retained. */
    public static String status(DeviceConfig device) {
        return device.topic() + "/$status";
    }

    /** The filter the gateway subscribes to for the device's commands. */
    public static String commandFilter(DeviceConfig device) {
        return device.topic() + "/+/" + SET;
    }

    /** Where the result of a command sent to {@code setTopic} goes (never retained). */
    public static String result(String setTopic) {
        return setTopic + "/result";
    }

    /** The point a {@code <topic>/<point>/set} topic names, or empty when the topic is not one of its commands. */
    public static Optional<String> pointOfCommand(DeviceConfig device, String topic) {
        String prefix = device.topic() + "/";
        String suffix = "/" + SET;
        if (!topic.startsWith(prefix) || !topic.endsWith(suffix)) return Optional.empty();
        if (topic.length() <= prefix.length() + suffix.length()) return Optional.empty();
        String point = topic.substring(prefix.length(), topic.length() - suffix.length());
        return point.indexOf('/') >= 0 ? Optional.empty() : Optional.of(point);
    }

    /** True if {@code topic} is a command topic: its last level is {@code set}. */
    public static boolean isCommandTopic(String topic) {
        return topic.equals(SET) || topic.endsWith("/" + SET);
    }

    /** Every retained topic the gateway publishes for these devices: each point's value and each $status. */
    public static Set<String> retained(List<DeviceConfig> devices) {
        Set<String> topics = new LinkedHashSet<>();
        for (DeviceConfig device : devices) {
            topics.add(status(device));
            for (PointConfig point : device.points()) topics.add(value(device, point.name()));
        }
        return topics;
    }
}
