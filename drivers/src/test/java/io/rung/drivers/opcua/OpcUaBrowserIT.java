package io.rung.drivers.opcua;

import static io.rung.drivers.opcua.OpcUaTestSupport.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rung.config.OpcUaConfig;
import io.rung.drivers.api.DriverException;
import io.rung.drivers.sim.OpcUaSimulator;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rung browse}: nodes under a node, and a ready points block with nsu= node ids. */
class OpcUaBrowserIT {
    @TempDir
    static Path dir;

    static OpcUaSimulator sim;

    @BeforeAll
    static void start() throws Exception {
        sim = new OpcUaSimulator();
        sim.start("127.0.0.1", 0, dir.resolve("sim-pki"));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void objectsFolderShowsThePlant() throws Exception {
        try (OpcUaBrowser browser = OpcUaBrowser.connect(OpcUaConfig.of(sim.url()), dir.resolve("pki"), "edge-1")) {
            List<BrowseEntry> top = browser.browse(Optional.empty());
            assertThat(top).anySatisfy(e -> {
                assertThat(e.browseName()).isEqualTo("Plant");
                assertThat(e.nodeId()).isEqualTo("ns=2;s=Plant");
                assertThat(e.portableNodeId()).isEqualTo(NS + "s=Plant");
                assertThat(e.nodeClass()).isEqualTo("Object");
            });
        }
    }

    @Test
    void variablesCarryTheirDataTypeAndBecomeAPointsBlock() throws Exception {
        try (OpcUaBrowser browser = OpcUaBrowser.connect(OpcUaConfig.of(sim.url()), dir.resolve("pki"), "edge-1")) {
            List<BrowseEntry> tank = browser.browse(Optional.of("ns=2;s=Tank1"));
            assertThat(tank).anySatisfy(e -> {
                assertThat(e.browseName()).isEqualTo("Level");
                assertThat(e.dataType()).contains("Double");
                assertThat(e.writable()).isFalse();
            });
            String yaml = OpcUaBrowser.pointsYaml(tank);
            assertThat(yaml)
                    .startsWith("points:\n")
                    .contains("  - { name: level, node: \"" + NS + "s=Tank1.Level\" }   # Double\n")
                    .contains("  - { name: setpoint, node: \"" + NS + "s=Tank1.Setpoint\" }   # Double, writable\n")
                    .contains("  - { name: profile, node: \"" + NS + "s=Tank1.Profile\" }   # Int32, writable\n");
        }
    }

    @Test
    void browseUsesTheGatewaysCertificateAsItIsEvenUnderAnotherId() throws Exception {
        Path pki = dir.resolve("gateway-pki");
        OwnCertificate gateway = OwnCertificate.loadOrCreate(
                pki, ClientSetup.CERTIFICATE_NAME, "urn:rung:plant-gw", "Rung plant-gw", List.of("localhost"));
        byte[] before = java.nio.file.Files.readAllBytes(gateway.file());
        try (OpcUaBrowser browser = OpcUaBrowser.connect(OpcUaConfig.of(sim.url()), pki, "this-host")) {
            assertThat(browser.browse(Optional.empty())).isNotEmpty();
        }
        assertThat(java.nio.file.Files.readAllBytes(gateway.file())).isEqualTo(before);
    }

    @Test
    void unknownNamespaceIsRefusedInWords() throws Exception {
        try (OpcUaBrowser browser = OpcUaBrowser.connect(OpcUaConfig.of(sim.url()), dir.resolve("pki"), "edge-1")) {
            assertThatThrownBy(() -> browser.browse(Optional.of("nsu=urn:nowhere;s=X")))
                    .isInstanceOf(DriverException.class)
                    .hasMessage("node nsu=urn:nowhere;s=X: the server has no namespace 'urn:nowhere'");
        }
    }
}
