package io.rung.config;

import java.util.List;
import java.util.Optional;

/** Reads a Modbus address typed on the command line ({@code rung probe --address}) by the same rules as the config. */
public final class ModbusAddresses {
    private ModbusAddresses() {}

    /**
     * Parses {@code holding:N}, {@code input:N}, {@code coil:N}, {@code discrete:N}, {@code holding:N.B} or a 5- or
     * 6-digit Modicon number.
     *
     * @param source how the text is named in the problem, such as {@code --address}
     */
    public static ModbusAddress parse(String text, String source) throws ConfigException {
        Problems problems = new Problems(source);
        YamlNode.Scalar scalar = new YamlNode.Scalar(text, text, false, text.isEmpty(), false, 1, 1);
        Optional<ModbusAddress> address = ModbusAddressParser.parse(new ScalarValue(scalar, "address", problems));
        List<Problem> errors = problems.all().stream().filter(p -> !p.warning()).toList();
        if (address.isEmpty() || !errors.isEmpty()) throw new ConfigException(source, problems.all());
        return address.get();
    }
}
