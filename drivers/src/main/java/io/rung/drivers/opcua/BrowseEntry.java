package io.rung.drivers.opcua;

import java.util.Optional;

/**
 * One node found by {@link OpcUaBrowser}.
 *
 * @param nodeId the {@code ns=N;…} form, valid on this server now
 * @param portableNodeId the {@code nsu=URI;…} form, for {@code rung.yaml}
 * @param nodeClass {@code Object} or {@code Variable}
 * @param dataType the data type's name for variables, such as {@code Double}
 * @param writable whether the node's access level allows writing its value
 */
public record BrowseEntry(
        String nodeId,
        String portableNodeId,
        String browseName,
        String displayName,
        String nodeClass,
        Optional<String> dataType,
        boolean writable) {
    public boolean isVariable() {
        return "Variable".equals(nodeClass);
    }
}
