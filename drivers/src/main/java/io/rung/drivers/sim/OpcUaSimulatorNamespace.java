package io.rung.drivers.sim;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.identity.Identity;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.sdk.server.items.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.nodes.filters.AttributeFilter;
import org.eclipse.milo.opcua.sdk.server.nodes.filters.AttributeFilterContext;
import org.eclipse.milo.opcua.sdk.server.nodes.filters.AttributeFilters;
import org.eclipse.milo.opcua.sdk.server.util.SubscriptionModel;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.OpcUaDataType;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UByte;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.ULong;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.jspecify.annotations.Nullable;

/** The simulator's small plant: folders and variables in namespace {@value OpcUaSimulator#NAMESPACE_URI}. */
final class OpcUaSimulatorNamespace extends ManagedNamespaceWithLifecycle {
    static final UUID GUID_NODE = UUID.fromString("7d4c3f2e-0b1a-4c5d-9e8f-a1b2c3d4e5f6");
    static final ByteString OPAQUE_NODE = ByteString.of("rung".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    private final SubscriptionModel subscriptions;
    private final long startNanos = System.nanoTime();
    private final int bulkNodes;

    OpcUaSimulatorNamespace(OpcUaServer server, int bulkNodes) {
        super(server, OpcUaSimulator.NAMESPACE_URI);
        this.bulkNodes = bulkNodes;
        subscriptions = new SubscriptionModel(server, this);
        getLifecycleManager().addLifecycle(subscriptions);
        getLifecycleManager().addStartupTask(this::addNodes);
    }

    int monitoredItemCount() {
        return subscriptions.getDataItems().size();
    }

    /** The stored value of the variable with string id {@code id}, or empty when there is no such variable. */
    Optional<Object> valueOf(String id) {
        return getNodeManager()
                .getNode(newNodeId(id))
                .filter(UaVariableNode.class::isInstance)
                .map(n -> ((UaVariableNode) n).getValue().getValue().getValue());
    }

    private void addNodes() {
        UaFolderNode plant = folder("Plant", null);
        UaFolderNode tank = folder("Tank1", plant);
        simulated(tank, "Tank1.Level", "Level", OpcUaDataType.Double, () -> 50.0 + 10.0 * Math.sin(seconds() / 10.0));
        simulated(tank, "Tank1.Temperature", "Temperature", OpcUaDataType.Float, () ->
                (float) (21.0 + 2.0 * Math.sin(seconds() / 7.0)));
        simulated(
                tank,
                "Tank1.Counter",
                "Counter",
                OpcUaDataType.UInt32,
                () -> UInteger.valueOf((System.nanoTime() - startNanos) / 100_000_000L));
        stored(tank, "Tank1.Valve", "Valve", OpcUaDataType.Boolean, false, true);
        stored(tank, "Tank1.Setpoint", "Setpoint", OpcUaDataType.Double, 55.0, true);
        stored(tank, "Tank1.Name", "Name", OpcUaDataType.String, "Tank 1", true);
        stored(
                tank,
                "Tank1.LastService",
                "LastService",
                OpcUaDataType.DateTime,
                new DateTime(Instant.parse("2026-01-15T08:30:00Z")),
                false);
        stored(tank, "Tank1.Profile", "Profile", OpcUaDataType.Int32, new Integer[] {10, 20, 30, 40}, true);
        UaVariableNode interlock = stored(tank, "Tank1.Interlock", "Interlock", OpcUaDataType.Boolean, false, true);
        interlock.getFilterChain().addLast(new OperatorOnly());

        UaFolderNode boiler = folder("Boiler", plant);
        simulated(boiler, "Boiler.Temperature", "Temperature", OpcUaDataType.Float, () ->
                (float) (80.0 + 5.0 * Math.sin(seconds() / 5.0)));
        simulated(
                boiler,
                "Boiler.Pressure",
                "Pressure",
                OpcUaDataType.Double,
                () -> 2.0 + 0.25 * Math.cos(seconds() / 3.0));

        UaFolderNode types = folder("Types", plant);
        stored(types, "Types.Boolean", "Boolean", OpcUaDataType.Boolean, true, true);
        stored(types, "Types.SByte", "SByte", OpcUaDataType.SByte, (byte) -8, true);
        stored(types, "Types.Byte", "Byte", OpcUaDataType.Byte, UByte.valueOf(200), true);
        stored(types, "Types.Int16", "Int16", OpcUaDataType.Int16, (short) -1234, true);
        stored(types, "Types.UInt16", "UInt16", OpcUaDataType.UInt16, UShort.valueOf(54321), true);
        stored(types, "Types.Int32", "Int32", OpcUaDataType.Int32, -123456, true);
        stored(types, "Types.UInt32", "UInt32", OpcUaDataType.UInt32, UInteger.valueOf(3_000_000_000L), true);
        stored(types, "Types.Int64", "Int64", OpcUaDataType.Int64, -9_000_000_000L, true);
        stored(types, "Types.UInt64", "UInt64", OpcUaDataType.UInt64, ULong.valueOf("18000000000000000000"), true);
        stored(types, "Types.Float", "Float", OpcUaDataType.Float, 1.25f, true);
        stored(types, "Types.Double", "Double", OpcUaDataType.Double, 3.5, true);
        stored(types, "Types.String", "String", OpcUaDataType.String, "hello", true);
        stored(
                types,
                "Types.DateTime",
                "DateTime",
                OpcUaDataType.DateTime,
                new DateTime(Instant.parse("2026-01-02T03:04:05Z")),
                true);
        stored(
                types,
                "Types.ByteString",
                "ByteString",
                OpcUaDataType.ByteString,
                ByteString.of(new byte[] {1, 2, 3}),
                true);
        stored(
                types,
                "Types.LocalizedText",
                "LocalizedText",
                OpcUaDataType.LocalizedText,
                new LocalizedText("en", "Hello"),
                true);
        stored(types, "Types.Guid", "Guid", OpcUaDataType.Guid, GUID_NODE, true);
        stored(types, "Types.DoubleArray", "DoubleArray", OpcUaDataType.Double, new Double[] {1.5, 2.5}, true);

        UaFolderNode ids = folder("Ids", plant);
        add(ids, variable(newNodeId(1001), "NumericId", OpcUaDataType.Double, true), 1001.5);
        add(ids, variable(newNodeId(GUID_NODE), "GuidId", OpcUaDataType.Int32, true), 42);
        add(ids, variable(newNodeId(OPAQUE_NODE), "OpaqueId", OpcUaDataType.String, true), "opaque");

        UaFolderNode diagnostics = folder("Diagnostics", plant);
        UaVariableNode uncertain =
                stored(diagnostics, "Diagnostics.Uncertain", "Uncertain", OpcUaDataType.Double, 7.5, false);
        uncertain.setValue(
                new DataValue(new Variant(7.5), new StatusCode(StatusCodes.Uncertain_LastUsableValue), DateTime.now()));
        UaVariableNode bad = stored(diagnostics, "Diagnostics.Bad", "Bad", OpcUaDataType.Double, 0.0, false);
        bad.setValue(new DataValue(Variant.NULL_VALUE, new StatusCode(StatusCodes.Bad_SensorFailure), DateTime.now()));

        if (bulkNodes > 0) addBulk(folder("Bulk", plant));
    }

    /** {@code Bulk.0} … {@code Bulk.<n-1>}: Doubles that differ at every sample (milliseconds since start + index). */
    private void addBulk(UaFolderNode bulk) {
        for (int i = 0; i < bulkNodes; i++) {
            double index = i;
            simulated(
                    bulk,
                    OpcUaSimulator.BULK_PREFIX + i,
                    "N" + i,
                    OpcUaDataType.Double,
                    () -> (System.nanoTime() - startNanos) / 1e6 + index);
        }
    }

    private double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private UaFolderNode folder(String name, @Nullable UaFolderNode parent) {
        UaFolderNode folder = new UaFolderNode(
                getNodeContext(), newNodeId(name), newQualifiedName(name), LocalizedText.english(name));
        getNodeManager().addNode(folder);
        if (parent == null) {
            folder.addReference(
                    new Reference(folder.getNodeId(), NodeIds.Organizes, NodeIds.ObjectsFolder.expanded(), false));
        } else {
            parent.addOrganizes(folder);
        }
        return folder;
    }

    private UaVariableNode stored(
            UaFolderNode parent, String id, String name, OpcUaDataType type, Object value, boolean writable) {
        return add(parent, variable(newNodeId(id), name, type, writable), value);
    }

    private void simulated(UaFolderNode parent, String id, String name, OpcUaDataType type, Supplier<Object> value) {
        UaVariableNode node = variable(newNodeId(id), name, type, false);
        node.getFilterChain()
                .addLast(AttributeFilters.getValue(
                        ctx -> new DataValue(new Variant(value.get()), StatusCode.GOOD, DateTime.now())));
        add(parent, node, value.get());
    }

    private UaVariableNode variable(NodeId id, String name, OpcUaDataType type, boolean writable) {
        return new UaVariableNode.UaVariableNodeBuilder(getNodeContext())
                .setNodeId(id)
                .setBrowseName(newQualifiedName(name))
                .setDisplayName(LocalizedText.english(name))
                .setDataType(type.getNodeId())
                .setTypeDefinition(NodeIds.BaseDataVariableType)
                .setAccessLevel(writable ? AccessLevel.READ_WRITE : AccessLevel.READ_ONLY)
                // the access level decides, so a read-only node answers Bad_NotWritable as PLCs do
                .setUserAccessLevel(AccessLevel.READ_WRITE)
                .build();
    }

    private UaVariableNode add(UaFolderNode parent, UaVariableNode node, Object value) {
        if (value.getClass().isArray()) {
            node.setValueRank(1);
            node.setArrayDimensions(new UInteger[] {UInteger.valueOf(0)});
        }
        node.setValue(new DataValue(new Variant(value), StatusCode.GOOD, DateTime.now()));
        getNodeManager().addNode(node);
        parent.addOrganizes(node);
        return node;
    }

    @Override
    public void onDataItemsCreated(List<DataItem> items) {
        subscriptions.onDataItemsCreated(items);
    }

    @Override
    public void onDataItemsModified(List<DataItem> items) {
        subscriptions.onDataItemsModified(items);
    }

    @Override
    public void onDataItemsDeleted(List<DataItem> items) {
        subscriptions.onDataItemsDeleted(items);
    }

    @Override
    public void onMonitoringModeChanged(List<MonitoredItem> items) {
        subscriptions.onMonitoringModeChanged(items);
    }

    /** Only a logged-in user (user name or certificate) may write; anonymous sessions get Bad_UserAccessDenied. */
    private static final class OperatorOnly implements AttributeFilter {
        @Override
        public void writeAttribute(AttributeFilterContext ctx, AttributeId attributeId, @Nullable Object value)
                throws UaException {
            if (attributeId == AttributeId.Value) {
                Identity identity = ctx.getSession().map(s -> s.getIdentity()).orElse(null);
                if (!(identity instanceof Identity.UsernameIdentity)
                        && !(identity instanceof Identity.X509UserIdentity)) {
                    throw new UaException(StatusCodes.Bad_UserAccessDenied, "only the operator may write");
                }
            }
            ctx.writeAttribute(attributeId, value);
        }
    }
}
