package io.rung.drivers.opcua;

import io.rung.config.ByteOrder;
import io.rung.config.DeviceConfig;
import io.rung.config.OpcUaConfig;
import io.rung.config.PointConfig;
import io.rung.config.Secret;
import io.rung.drivers.api.DriverState;
import io.rung.drivers.api.PointAddress;
import io.rung.drivers.api.Sample;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Builds device and point configurations for OPC UA tests, and collects what a driver reports. */
final class OpcUaTestSupport {
    static final String NS = "nsu=urn:rung:sim:plant;";

    private OpcUaTestSupport() {}

    static OpcUaConfig anonymous(String url) {
        return new OpcUaConfig(
                url,
                OpcUaConfig.Security.NONE,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false,
                true,
                1);
    }

    static OpcUaConfig secure(
            String url, Optional<String> policy, Optional<String> user, Optional<String> password, boolean trustAll) {
        return new OpcUaConfig(
                url,
                OpcUaConfig.Security.SIGN_AND_ENCRYPT,
                policy,
                user,
                password.map(Secret::new),
                Optional.empty(),
                Optional.empty(),
                trustAll,
                true,
                1);
    }

    static OpcUaConfig withUserCertificate(String url, Path cert, Path key) {
        return new OpcUaConfig(
                url,
                OpcUaConfig.Security.SIGN_AND_ENCRYPT,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(cert),
                Optional.of(key),
                true,
                true,
                1);
    }

    static DeviceConfig device(OpcUaConfig connection, DeviceConfig.Timestamps timestamps, List<PointConfig> points) {
        return new DeviceConfig(
                "tank",
                "plant/tank",
                connection,
                new DeviceConfig.Schedule.Every(Duration.ofMillis(200)),
                DeviceConfig.Mode.SUBSCRIBE,
                DeviceConfig.Format.JSON,
                1,
                DeviceConfig.DEFAULT_HEARTBEAT,
                DeviceConfig.DEFAULT_MAX_COMMAND_AGE,
                ByteOrder.ABCD,
                timestamps,
                points);
    }

    static DeviceConfig device(OpcUaConfig connection, List<PointConfig> points) {
        return device(connection, DeviceConfig.Timestamps.SOURCE, points);
    }

    static PointConfig point(String name, String node) {
        return PointConfig.opcUa(name, node);
    }

    static List<PointAddress> addresses(DeviceConfig device) {
        return device.points().stream()
                .map(p -> new PointAddress(device.name(), p))
                .toList();
    }

    /** Collects samples from a subscription sink, thread-safe. */
    static final class Samples implements java.util.function.Consumer<List<Sample>> {
        private final List<Sample> all = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void accept(List<Sample> samples) {
            all.addAll(samples);
        }

        List<Sample> all() {
            synchronized (all) {
                return List.copyOf(all);
            }
        }

        Optional<Sample> latest(String point) {
            List<Sample> copy = all();
            for (int i = copy.size() - 1; i >= 0; i--)
                if (copy.get(i).point().name().equals(point)) return Optional.of(copy.get(i));
            return Optional.empty();
        }

        List<Sample> of(String point) {
            return all().stream().filter(s -> s.point().name().equals(point)).toList();
        }

        void clear() {
            all.clear();
        }
    }

    /** Collects state changes. */
    static final class States implements java.util.function.Consumer<DriverState> {
        private final List<DriverState> all = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void accept(DriverState s) {
            all.add(s);
        }

        List<DriverState> all() {
            synchronized (all) {
                return List.copyOf(all);
            }
        }

        Optional<DriverState> last() {
            List<DriverState> copy = all();
            return copy.isEmpty() ? Optional.empty() : Optional.of(copy.get(copy.size() - 1));
        }
    }
}
