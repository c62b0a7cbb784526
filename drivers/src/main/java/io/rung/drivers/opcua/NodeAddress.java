package io.rung.drivers.opcua;

import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.milo.opcua.stack.core.NamespaceTable;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;

/**
 * A node id as written in {@code rung.yaml}: {@code ns=2;s=Tank1.Level}, {@code ns=2;i=1001}, {@code ns=2;g=UUID},
 * {@code ns=2;b=BASE64}, {@code i=85} (namespace 0) or {@code nsu=urn:plc:tank;s=Tank1.Setpoint}. A namespace URI is
 * resolved against the server's namespace table after every (re)connect, because indexes may change.
 *
 * @param namespaceUri present for the {@code nsu=} form
 * @param namespaceIndex the index for the {@code ns=} form (0 when absent)
 * @param identifier a {@link UInteger}, {@link String}, {@link UUID} or {@link ByteString}
 * @param text the original text, used in messages
 */
public record NodeAddress(Optional<String> namespaceUri, int namespaceIndex, Object identifier, String text) {
    private static final String FORMS =
            "expected ns=N;s=NAME, ns=N;i=NUMBER, ns=N;g=GUID, ns=N;b=BASE64 or nsu=URI;s=NAME";

    /** Parses a node id; the message of the exception says what is wrong in plain words. */
    public static NodeAddress parse(String text) throws InvalidNodeIdException {
        String rest = text.strip();
        Optional<String> uri = Optional.empty();
        int index = 0;
        if (rest.startsWith("nsu=")) {
            int semi = rest.indexOf(';');
            if (semi < 0) throw invalid(text, "no ';' after the namespace uri");
            uri = Optional.of(rest.substring(4, semi));
            if (uri.get().isEmpty()) throw invalid(text, "empty namespace uri");
            rest = rest.substring(semi + 1);
        } else if (rest.startsWith("ns=")) {
            int semi = rest.indexOf(';');
            if (semi < 0) throw invalid(text, "no ';' after the namespace index");
            try {
                index = Integer.parseInt(rest.substring(3, semi));
            } catch (NumberFormatException e) {
                throw invalid(text, "namespace index '" + rest.substring(3, semi) + "' is not a number");
            }
            if (index < 0 || index > 65535) throw invalid(text, "namespace index must be between 0 and 65535");
            rest = rest.substring(semi + 1);
        }
        if (rest.length() < 2 || rest.charAt(1) != '=') throw invalid(text, FORMS);
        String id = rest.substring(2);
        Object identifier = switch (rest.charAt(0)) {
            case 's' -> {
                if (id.isEmpty()) throw invalid(text, "empty string identifier");
                yield id;
            }
            case 'i' -> numeric(text, id);
            case 'g' -> guid(text, id);
            case 'b' -> opaque(text, id);
            default -> throw invalid(text, FORMS);
        };
        return new NodeAddress(uri, index, identifier, text.strip());
    }

    /** The Milo node id on a server with this namespace table. */
    public NodeId resolve(NamespaceTable namespaces) throws InvalidNodeIdException {
        int ns = namespaceIndex;
        if (namespaceUri.isPresent()) {
            UShort found = namespaces.getIndex(namespaceUri.get());
            if (found == null) {
                throw new InvalidNodeIdException(
                        "node " + text + ": the server has no namespace '" + namespaceUri.get() + "'");
            }
            ns = found.intValue();
        }
        if (identifier instanceof UInteger i) return new NodeId(ns, i);
        if (identifier instanceof UUID g) return new NodeId(ns, g);
        if (identifier instanceof ByteString b) return new NodeId(ns, b);
        return new NodeId(ns, (String) identifier);
    }

    /** The {@code nsu=URI;…} form of a node, as {@code rung browse --yaml} prints it; namespace 0 keeps {@code i=N}. */
    public static String portable(NodeId node, NamespaceTable namespaces) {
        String id = identifierText(node);
        int ns = node.getNamespaceIndex().intValue();
        if (ns == 0) return id;
        String uri = namespaces.get(node.getNamespaceIndex());
        return uri == null ? "ns=" + ns + ";" + id : "nsu=" + uri + ";" + id;
    }

    /** The {@code ns=N;…} form. */
    public static String indexed(NodeId node) {
        int ns = node.getNamespaceIndex().intValue();
        return ns == 0 ? identifierText(node) : "ns=" + ns + ";" + identifierText(node);
    }

    private static String identifierText(NodeId node) {
        Object id = node.getIdentifier();
        if (id instanceof UInteger i) return "i=" + i;
        if (id instanceof UUID g) return "g=" + g;
        if (id instanceof ByteString b) return "b=" + Base64.getEncoder().encodeToString(b.bytesOrEmpty());
        return "s=" + id;
    }

    @Override
    public String toString() {
        return text;
    }

    private static UInteger numeric(String text, String id) throws InvalidNodeIdException {
        try {
            long v = Long.parseLong(id);
            if (v < 0 || v > 0xFFFF_FFFFL) throw invalid(text, "numeric identifier must be between 0 and 4294967295");
            return UInteger.valueOf(v);
        } catch (NumberFormatException e) {
            throw invalid(text, "numeric identifier '" + id + "' is not a number");
        }
    }

    private static UUID guid(String text, String id) throws InvalidNodeIdException {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw invalid(text, "'" + id + "' is not a guid like 09087e75-8e5e-499b-954f-f2a9603db28a");
        }
    }

    private static ByteString opaque(String text, String id) throws InvalidNodeIdException {
        try {
            return ByteString.of(Base64.getDecoder().decode(id));
        } catch (IllegalArgumentException e) {
            throw invalid(text, "'" + id + "' is not base64");
        }
    }

    private static InvalidNodeIdException invalid(String text, String why) {
        return new InvalidNodeIdException("node '" + text + "' is not a valid node id: " + why);
    }

    /** A node id that cannot be parsed or resolved; the message is meant for users. */
    public static final class InvalidNodeIdException extends Exception {
        private static final long serialVersionUID = 1L;

        public InvalidNodeIdException(String message) {
            super(message);
        }
    }
}
