package io.rung.gateway.southbound;

import com.fasterxml.jackson.databind.JsonNode;
import io.rung.config.PointConfig;
import io.rung.config.PointType;
import io.rung.drivers.api.Value;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Types a command's value for its point: {@code true}/{@code false}/{@code 1}/{@code 0} for bool, a JSON string
 * or non-JSON text for string, a JSON number for the numeric types. A point without a declared type (OPC UA)
 * takes a number, a bool or a JSON string and leaves the conversion to the node's type to the driver.
 * Numbers stay exact decimals: the driver turns the engineering value into raw.
 */
final class CommandValue {
    private static final int MAX_EXPONENT = 308;
    private static final int MIN_EXPONENT = -324;

    private CommandValue() {}

    static Value of(CommandPayload.Body body, PointConfig point, String label) throws CommandRefusedException {
        Optional<PointType> type = point.type();
        if (type.isEmpty()) return untyped(body, label);
        String rule = " (point " + label + " is " + type.get().yamlName();
        switch (type.get()) {
            case BOOL -> {
                if (body instanceof CommandPayload.Json json) {
                    JsonNode node = json.node();
                    if (node.isBoolean()) return new Value.Bool(node.booleanValue());
                    if (node.isIntegralNumber()
                            && (node.bigIntegerValue().signum() == 0
                                    || node.bigIntegerValue().equals(java.math.BigInteger.ONE))) {
                        return new Value.Bool(node.bigIntegerValue().signum() != 0);
                    }
                }
                throw new CommandRefusedException(
                        body.shown() + " is not a bool" + rule + ": send true, false, 1 or 0)");
            }
            case STRING -> {
                if (body instanceof CommandPayload.Text text) return new Value.Text(text.text());
                JsonNode node = ((CommandPayload.Json) body).node();
                if (node.isTextual()) return new Value.Text(node.textValue());
                throw new CommandRefusedException(
                        body.shown() + " is not a string" + rule + ": send a JSON string or plain text)");
            }
            default -> {
                if (body instanceof CommandPayload.Json json && json.node().isNumber()) {
                    return number(json, label);
                }
                throw new CommandRefusedException(body.shown() + " is not a number" + rule + ")");
            }
        }
    }

    private static Value untyped(CommandPayload.Body body, String label) throws CommandRefusedException {
        if (body instanceof CommandPayload.Text) {
            throw new CommandRefusedException(
                    body.shown() + " is not JSON (point " + label + ": send a number, true, false or a JSON string)");
        }
        CommandPayload.Json json = (CommandPayload.Json) body;
        JsonNode node = json.node();
        if (node.isBoolean()) return new Value.Bool(node.booleanValue());
        if (node.isTextual()) return new Value.Text(node.textValue());
        if (node.isNumber()) return number(json, label);
        throw new CommandRefusedException(body.shown() + " is not a number, bool or string (point " + label + ")");
    }

    private static Value number(CommandPayload.Json json, String label) throws CommandRefusedException {
        BigDecimal value = json.node().decimalValue();
        int exponent = value.precision() - value.scale() - 1;
        if (value.signum() != 0 && (exponent > MAX_EXPONENT || exponent < MIN_EXPONENT)) {
            throw new CommandRefusedException(json.shown() + " is out of range (point " + label + ")");
        }
        return new Value.Decimal(value);
    }
}
