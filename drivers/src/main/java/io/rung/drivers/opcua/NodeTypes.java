package io.rung.drivers.opcua;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.OpcUaDataType;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;

/**
 * The built-in data type of each node written to, read once (DataType and Value attributes) and cached until the
 * session is re-created. A node whose DataType is not built-in (an enumeration, a subtype such as Duration, or
 * BaseDataType) is written with the built-in type of its current value.
 */
final class NodeTypes {
    private final Map<NodeId, OpcUaDataType> cache = new ConcurrentHashMap<>();

    void clear() {
        cache.clear();
    }

    /** The node's built-in type, or a failed future whose message is meant for users. */
    CompletableFuture<OpcUaDataType> of(OpcUaClient client, NodeId node, String nodeText) {
        OpcUaDataType known = cache.get(node);
        if (known != null) return CompletableFuture.completedFuture(known);
        List<ReadValueId> ids = List.of(
                new ReadValueId(node, AttributeId.DataType.uid(), null, QualifiedName.NULL_VALUE),
                new ReadValueId(node, AttributeId.Value.uid(), null, QualifiedName.NULL_VALUE));
        return client.readAsync(0.0, TimestampsToReturn.Neither, ids).thenCompose(response -> {
            DataValue[] results = response.getResults();
            if (results == null || results.length < 2) {
                return CompletableFuture.failedFuture(
                        new WriteRefusedException("node " + nodeText + ": the server did not say its data type"));
            }
            if (results[0].getStatusCode() != null && results[0].getStatusCode().isBad()) {
                return CompletableFuture.failedFuture(
                        new WriteRefusedException(StatusText.aboutNode(nodeText, results[0].getStatusCode())));
            }
            Optional<OpcUaDataType> type = builtin(results[0].getValue()).or(() -> valueType(results[1]));
            if (type.isEmpty()) {
                return CompletableFuture.failedFuture(new WriteRefusedException("node " + nodeText
                        + " has data type " + results[0].getValue().getValue()
                        + ", which is not a built-in type Rung can write"));
            }
            cache.put(node, type.get());
            return CompletableFuture.completedFuture(type.get());
        });
    }

    private static Optional<OpcUaDataType> builtin(Variant dataType) {
        if (dataType == null || !(dataType.getValue() instanceof NodeId id)) return Optional.empty();
        if (!OpcUaDataType.isBuiltin(id)) return Optional.empty();
        OpcUaDataType t = OpcUaDataType.fromNodeId(id);
        if (t == null
                || t == OpcUaDataType.Variant
                || t == OpcUaDataType.DataValue
                || t == OpcUaDataType.DiagnosticInfo
                || t == OpcUaDataType.ExtensionObject) {
            return Optional.empty();
        }
        return Optional.of(t);
    }

    private static Optional<OpcUaDataType> valueType(DataValue value) {
        if (value == null || value.getValue() == null) return Optional.empty();
        return value.getValue().getDataType();
    }

    /** A write that cannot be sent or that the server refused; the message is meant for users. */
    static final class WriteRefusedException extends Exception {
        private static final long serialVersionUID = 1L;

        WriteRefusedException(String message) {
            super(message);
        }
    }
}
