package io.rung.drivers.opcua;

import java.util.Locale;
import java.util.Map;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;

/**
 * OPC UA status codes in plain words, for sample errors and write failures: {@code Bad_NotWritable} becomes
 * {@code "is not writable (Bad_NotWritable)"}. The symbolic name stays in brackets so it can be looked up in the
 * server's manual.
 */
public final class StatusText {
    private static final Map<Long, String> PHRASES = Map.ofEntries(
            Map.entry(StatusCodes.Bad_NotWritable, "is not writable"),
            Map.entry(StatusCodes.Bad_NotReadable, "is not readable"),
            Map.entry(StatusCodes.Bad_UserAccessDenied, "may not be accessed by this user"),
            Map.entry(StatusCodes.Bad_TypeMismatch, "does not accept a value of this type"),
            Map.entry(StatusCodes.Bad_OutOfRange, "refused the value as out of range"),
            Map.entry(StatusCodes.Bad_NodeIdUnknown, "does not exist on the server"),
            Map.entry(StatusCodes.Bad_NodeIdInvalid, "is not a valid node id for this server"),
            Map.entry(StatusCodes.Bad_AttributeIdInvalid, "has no value (it is not a variable)"),
            Map.entry(StatusCodes.Bad_WaitingForInitialData, "has no value yet"),
            Map.entry(StatusCodes.Bad_NoCommunication, "has no communication with its source"),
            Map.entry(StatusCodes.Bad_CommunicationError, "cannot be reached: communication error"),
            Map.entry(StatusCodes.Bad_Timeout, "did not answer in time"),
            Map.entry(StatusCodes.Bad_SensorFailure, "reports a sensor failure"),
            Map.entry(StatusCodes.Bad_DeviceFailure, "reports a device failure"),
            Map.entry(StatusCodes.Bad_ConfigurationError, "reports a configuration error"),
            Map.entry(StatusCodes.Bad_OutOfService, "is out of service"),
            Map.entry(StatusCodes.Bad_WriteNotSupported, "does not support this kind of write"),
            Map.entry(StatusCodes.Bad_IndexRangeInvalid, "refused the array range"),
            Map.entry(StatusCodes.Bad_MonitoredItemFilterUnsupported, "does not support a deadband filter"),
            Map.entry(StatusCodes.Bad_FilterNotAllowed, "does not allow a deadband filter"),
            Map.entry(StatusCodes.Bad_DeadbandFilterInvalid, "refused the deadband filter"),
            Map.entry(StatusCodes.Uncertain_LastUsableValue, "is uncertain: last usable value"),
            Map.entry(StatusCodes.Uncertain_SensorNotAccurate, "is uncertain: sensor not accurate"),
            Map.entry(StatusCodes.Uncertain_SubNormal, "is uncertain: sub-normal"),
            Map.entry(StatusCodes.Uncertain_InitialValue, "is uncertain: initial value"));

    private StatusText() {}

    /** The symbolic name, such as {@code Bad_NotWritable}, or the code in hex when unknown. */
    public static String name(StatusCode status) {
        return StatusCodes.lookup(status.getValue())
                .map(d -> d[0])
                .orElse(String.format(Locale.ROOT, "0x%08X", status.getValue()));
    }

    /** What the status says about a node, starting with a verb: {@code "is not writable (Bad_NotWritable)"}. */
    public static String phrase(StatusCode status) {
        String name = name(status);
        String phrase = PHRASES.get(status.getValue() & 0xFFFF0000L);
        return (phrase != null ? phrase : "reports " + words(name)) + " (" + name + ")";
    }

    /** A whole sentence about one node: {@code "node ns=2;s=Tank1.Level is not writable (Bad_NotWritable)"}. */
    public static String aboutNode(String node, StatusCode status) {
        return "node " + node + " " + phrase(status);
    }

    /** {@code Bad_SessionIdInvalid} becomes {@code "bad session id invalid"}. */
    static String words(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '_') {
                out.append(' ');
            } else if (Character.isUpperCase(c)
                    && i > 0
                    && name.charAt(i - 1) != '_'
                    && !Character.isUpperCase(name.charAt(i - 1))) {
                out.append(' ').append(Character.toLowerCase(c));
            } else {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString();
    }
}
