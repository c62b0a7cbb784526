package io.rung.drivers.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.eclipse.milo.opcua.stack.core.NamespaceTable;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.junit.jupiter.api.Test;

/** Node ids in every standard text form (OPC UA Part 6 §5.3.1.10), and their resolution. */
class NodeAddressTest {
    final NamespaceTable table = new NamespaceTable();

    NodeAddressTest() {
        table.add("urn:server");
        table.add("urn:plc:tank");
    }

    @Test
    void parsesEachIdentifierType() throws Exception {
        assertThat(NodeAddress.parse("ns=2;s=Tank1.Level").resolve(table)).isEqualTo(new NodeId(2, "Tank1.Level"));
        assertThat(NodeAddress.parse("ns=2;i=1001").resolve(table)).isEqualTo(new NodeId(2, UInteger.valueOf(1001)));
        assertThat(NodeAddress.parse("i=85").resolve(table)).isEqualTo(new NodeId(0, UInteger.valueOf(85)));
        UUID g = UUID.fromString("09087e75-8e5e-499b-954f-f2a9603db28a");
        assertThat(NodeAddress.parse("ns=3;g=" + g).resolve(table)).isEqualTo(new NodeId(3, g));
        assertThat(NodeAddress.parse("ns=1;b=cnVuZw==").resolve(table))
                .isEqualTo(new NodeId(1, ByteString.of("rung".getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
    }

    @Test
    void stringIdentifierKeepsSemicolonsAndEquals() throws Exception {
        assertThat(NodeAddress.parse("ns=2;s=a;b=c").resolve(table)).isEqualTo(new NodeId(2, "a;b=c"));
    }

    @Test
    void namespaceUriIsResolvedThroughTheTable() throws Exception {
        assertThat(NodeAddress.parse("nsu=urn:plc:tank;s=Tank1.Setpoint").resolve(table))
                .isEqualTo(new NodeId(2, "Tank1.Setpoint"));
    }

    @Test
    void unknownNamespaceUriIsNamed() throws Exception {
        NodeAddress a = NodeAddress.parse("nsu=urn:other;s=X");
        assertThatThrownBy(() -> a.resolve(table))
                .hasMessage("node nsu=urn:other;s=X: the server has no namespace " + "'urn:other'");
    }

    @Test
    void malformedIdsAreExplained() {
        assertThatThrownBy(() -> NodeAddress.parse("Tank1.Level"))
                .hasMessage("node 'Tank1.Level' is not a valid "
                        + "node id: expected ns=N;s=NAME, ns=N;i=NUMBER, ns=N;g=GUID, ns=N;b=BASE64 or nsu=URI;s=NAME");
        assertThatThrownBy(() -> NodeAddress.parse("ns=x;s=A"))
                .hasMessageEndingWith("namespace index 'x' is not a " + "number");
        assertThatThrownBy(() -> NodeAddress.parse("ns=2;i=-1"))
                .hasMessageEndingWith("numeric identifier must be " + "between 0 and 4294967295");
        assertThatThrownBy(() -> NodeAddress.parse("ns=2;g=nope")).hasMessageContaining("is not a guid");
        assertThatThrownBy(() -> NodeAddress.parse("ns=2;b=***")).hasMessageEndingWith("'***' is not base64");
    }

    @Test
    void portableFormUsesTheNamespaceUri() {
        assertThat(NodeAddress.portable(new NodeId(2, "Tank1.Level"), table))
                .isEqualTo("nsu=urn:plc:tank;s=Tank1.Level");
        assertThat(NodeAddress.portable(new NodeId(0, UInteger.valueOf(85)), table))
                .isEqualTo("i=85");
        assertThat(NodeAddress.indexed(new NodeId(2, UInteger.valueOf(7)))).isEqualTo("ns=2;i=7");
    }
}
