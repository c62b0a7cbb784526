package io.rung.drivers.opcua;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The points block of {@code rung browse --yaml}. */
class PointsYamlTest {
    @Test
    void variablesBecomeUniqueSafePointNames() {
        List<BrowseEntry> entries = List.of(
                new BrowseEntry(
                        "ns=2;s=A",
                        "nsu=urn:x;s=A",
                        "Motor Speed",
                        "Motor Speed",
                        "Variable",
                        Optional.of("Float"),
                        true),
                new BrowseEntry(
                        "ns=2;s=B", "nsu=urn:x;s=B", "motor speed", "", "Variable", Optional.of("Double"), false),
                new BrowseEntry("ns=2;s=C", "nsu=urn:x;s=C", "Folder", "", "Object", Optional.empty(), false),
                new BrowseEntry("ns=2;s=D", "nsu=urn:x;s=\"q\"", "set", "", "Variable", Optional.empty(), false));
        assertThat(OpcUaBrowser.pointsYaml(entries)).isEqualTo("""
                points:
                  - { name: motor-speed, node: "nsu=urn:x;s=A" }   # Float, writable
                  - { name: motor-speed-2, node: "nsu=urn:x;s=B" }   # Double
                  - { name: point, node: "nsu=urn:x;s=\\"q\\"" }
                """);
    }
}
