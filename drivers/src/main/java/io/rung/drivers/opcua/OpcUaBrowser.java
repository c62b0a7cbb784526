package io.rung.drivers.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import io.rung.config.OpcUaConfig;
import io.rung.drivers.api.DriverException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.OpcUaDataType;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UByte;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseDirection;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseResultMask;
import org.eclipse.milo.opcua.stack.core.types.enumerated.NodeClass;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseResult;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;

/**
 * The logic of {@code rung browse opc.tcp://… [NODE] [--yaml]}: lists the objects and variables under a node (default:
 * the Objects folder) with node id, browse name and data type, and turns the variables into a ready
 * {@code points:} block with {@code nsu=} node ids. Blocking; meant for the command line.
 *
 * <pre>{@code
 * try (OpcUaBrowser b = OpcUaBrowser.connect(OpcUaConfig.of(url), dataDir.resolve("pki"), gatewayId)) {
 *     List<BrowseEntry> nodes = b.browse(Optional.of("nsu=urn:rung:sim:plant;s=Tank1"));
 *     System.out.print(OpcUaBrowser.pointsYaml(nodes));
 * }
 * }</pre>
 */
public final class OpcUaBrowser implements AutoCloseable {
    private final OpcUaClient client;
    private final String url;

    private OpcUaBrowser(OpcUaClient client, String url) {
        this.client = client;
        this.url = url;
    }

    /**
     * Connects with the same endpoint, certificate and trust rules as the driver; a valid certificate already in
     * {@code pki/own/} is used as it is (a browse never replaces the gateway's certificate).
     */
    public static OpcUaBrowser connect(OpcUaConfig config, Path pkiDir, String gatewayId) throws DriverException {
        ClientSetup setup = new ClientSetup("browse", config, pkiDir, gatewayId, true);
        OpcUaClient client = null;
        try {
            client = setup.build();
            client.connectAsync().get(20, TimeUnit.SECONDS);
            return new OpcUaBrowser(client, config.url());
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            if (client != null) client.disconnectAsync();
            throw new DriverException(
                    "browse",
                    ConnectFailure.describe(
                                    e,
                                    config.url(),
                                    config.username(),
                                    setup.rejected() == null
                                            ? Optional.empty()
                                            : setup.rejected().last(),
                                    setup.pkiDir(),
                                    setup.ownCertificateFile())
                            .text(),
                    e);
        }
    }

    /** The objects and variables directly under {@code node} (any node id form), Objects folder if empty. */
    public List<BrowseEntry> browse(Optional<String> node) throws DriverException {
        try {
            NodeId start = node.isPresent()
                    ? NodeAddress.parse(node.get()).resolve(client.getNamespaceTable())
                    : NodeIds.ObjectsFolder;
            List<ReferenceDescription> refs = references(start);
            List<NodeId> ids = new ArrayList<>();
            for (ReferenceDescription r : refs) {
                ids.add(r.getNodeId().toNodeId(client.getNamespaceTable()).orElse(NodeId.NULL_VALUE));
            }
            List<BrowseEntry> out = new ArrayList<>();
            List<DataValue> attributes = variableAttributes(refs, ids);
            for (int i = 0; i < refs.size(); i++) {
                ReferenceDescription r = refs.get(i);
                NodeId id = ids.get(i);
                boolean variable = r.getNodeClass() == NodeClass.Variable;
                Optional<String> type = variable ? dataTypeName(attributes.get(2 * i)) : Optional.empty();
                boolean writable = variable
                        && attributes.get(2 * i + 1).getValue().getValue() instanceof UByte level
                        && AccessLevel.fromValue(level).contains(AccessLevel.CurrentWrite);
                out.add(new BrowseEntry(
                        NodeAddress.indexed(id),
                        NodeAddress.portable(id, client.getNamespaceTable()),
                        r.getBrowseName().getName(),
                        r.getDisplayName().getText() == null
                                ? ""
                                : r.getDisplayName().getText(),
                        r.getNodeClass().name(),
                        type,
                        writable));
            }
            return out;
        } catch (NodeAddress.InvalidNodeIdException e) {
            throw new DriverException("browse", e.getMessage());
        } catch (UaException e) {
            throw new DriverException(
                    "browse", "browsing " + url + " failed: " + StatusText.phrase(e.getStatusCode()), e);
        }
    }

    /** A {@code points:} block for the variables among {@code entries}, names made unique and YAML-safe. */
    public static String pointsYaml(List<BrowseEntry> entries) {
        StringBuilder out = new StringBuilder("points:\n");
        Set<String> used = new HashSet<>();
        for (BrowseEntry e : entries) {
            if (!e.isVariable()) continue;
            String base = e.browseName()
                    .toLowerCase(Locale.ROOT)
                    .replaceAll("[^a-z0-9_.-]+", "-")
                    .replaceAll("(^-+|-+$)", "");
            if (base.isEmpty() || base.equals("set") || base.startsWith("$")) base = "point";
            String name = base;
            for (int n = 2; !used.add(name); n++) name = base + "-" + n;
            out.append("  - { name: ")
                    .append(name)
                    .append(", node: \"")
                    .append(e.portableNodeId().replace("\\", "\\\\").replace("\"", "\\\""))
                    .append("\" }");
            String comment = e.dataType().orElse("") + (e.writable() ? ", writable" : "");
            if (!comment.isEmpty())
                out.append("   # ").append(comment.startsWith(", ") ? comment.substring(2) : comment);
            out.append('\n');
        }
        return out.toString();
    }

    @Override
    public void close() {
        try {
            client.disconnectAsync().get(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            org.slf4j.LoggerFactory.getLogger(OpcUaBrowser.class).debug("disconnect from {} unclean", url, e);
        }
    }

    private List<ReferenceDescription> references(NodeId start) throws UaException {
        BrowseDescription description = new BrowseDescription(
                start,
                BrowseDirection.Forward,
                NodeIds.HierarchicalReferences,
                true,
                uint(NodeClass.Object.getValue() | NodeClass.Variable.getValue()),
                uint(BrowseResultMask.All.getValue()));
        List<ReferenceDescription> refs = new ArrayList<>();
        BrowseResult result = client.browse(description);
        while (true) {
            if (result.getStatusCode() != null && result.getStatusCode().isBad()) {
                throw new UaException(result.getStatusCode());
            }
            if (result.getReferences() != null) refs.addAll(List.of(result.getReferences()));
            ByteString next = result.getContinuationPoint();
            if (next == null || next.isNullOrEmpty()) return refs;
            BrowseResult[] more = client.browseNext(false, List.of(next)).getResults();
            if (more == null || more.length == 0) return refs;
            result = more[0];
        }
    }

    private List<DataValue> variableAttributes(List<ReferenceDescription> refs, List<NodeId> ids) throws UaException {
        List<ReadValueId> reads = new ArrayList<>();
        for (NodeId id : ids) {
            reads.add(new ReadValueId(id, AttributeId.DataType.uid(), null, QualifiedName.NULL_VALUE));
            reads.add(new ReadValueId(id, AttributeId.AccessLevel.uid(), null, QualifiedName.NULL_VALUE));
        }
        if (reads.isEmpty()) return List.of();
        DataValue[] values = client.read(0.0, TimestampsToReturn.Neither, reads).getResults();
        return values == null ? List.of() : List.of(values);
    }

    private Optional<String> dataTypeName(DataValue value) throws UaException {
        if (!(value.getValue().getValue() instanceof NodeId type)) return Optional.empty();
        if (OpcUaDataType.isBuiltin(type))
            return Optional.of(OpcUaDataType.fromNodeId(type).name());
        DataValue name = client.read(
                        0.0,
                        TimestampsToReturn.Neither,
                        List.of(new ReadValueId(type, AttributeId.BrowseName.uid(), null, QualifiedName.NULL_VALUE)))
                .getResults()[0];
        return name.getValue().getValue() instanceof QualifiedName q
                ? Optional.of(q.getName())
                : Optional.of(NodeAddress.indexed(type));
    }
}
