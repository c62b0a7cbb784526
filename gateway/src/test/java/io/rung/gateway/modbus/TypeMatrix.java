package io.rung.gateway.modbus;

import java.util.ArrayList;
import java.util.List;

/**
 * Every Modbus type × byte order with a known value, laid out one after another from a base register: as YAML
 * points for the gateway and as spec lines for {@code register_peer.py}, which encodes them on its own.
 */
final class TypeMatrix {
    /** One point: a type in one order, its value as text and where it lives. */
    record Entry(String name, String type, String order, String value, int length, int address) {
        /** Registers the value occupies. */
        int registers() {
            return switch (type) {
                case "int16", "uint16" -> 1;
                case "int32", "uint32", "float32" -> 2;
                case "string" -> length;
                default -> 4;
            };
        }

        /** {@code ADDRESS TYPE ORDER VALUE [LENGTH]} for register_peer.py. */
        String specLine() {
            return address + " " + type + " " + order + " " + value + (type.equals("string") ? " " + length : "");
        }

        /** A YAML flow map for the gateway's {@code points:} list. */
        String yaml(boolean write) {
            return "{ name: " + name + ", address: holding:" + address + ", type: " + type + ", order: " + order
                    + (type.equals("string") ? ", length: " + length : "") + (write ? ", write: true" : "") + " }";
        }
    }

    /** Values whose bytes all differ, so that any mix-up of bytes or words shows. */
    private static final List<String[]> VALUES = List.of(
            new String[] {"int16", "-12345"},
            new String[] {"uint16", "54321"},
            new String[] {"int32", "-123456789"},
            new String[] {"uint32", "3000000000"},
            new String[] {"int64", "-1234567890123"},
            new String[] {"uint64", "18000000000000000000"},
            new String[] {"float32", "-273.15"},
            new String[] {"float64", "6.02214076e23"},
            new String[] {"string", "pymodbus"});

    private static final List<String> ORDERS = List.of("ABCD", "CDAB", "BADC", "DCBA");

    private TypeMatrix() {}

    /** Every type in every order, plus an int64 in an eight-letter order, from register {@code base} on. */
    static List<Entry> entries(String prefix, int base) {
        List<Entry> entries = new ArrayList<>();
        int address = base;
        for (String[] tv : VALUES) {
            for (String order : ORDERS) {
                Entry e = new Entry(
                        prefix + tv[0] + "-" + order.toLowerCase(java.util.Locale.ROOT),
                        tv[0],
                        order,
                        tv[1],
                        tv[0].equals("string") ? 4 : 0,
                        address);
                entries.add(e);
                address += e.registers();
            }
        }
        entries.add(new Entry(prefix + "int64-cdabghef", "int64", "CDABGHEF", "-1234567890123", 0, address));
        return entries;
    }

    /** The registers after the last entry. */
    static int end(List<Entry> entries) {
        Entry last = entries.get(entries.size() - 1);
        return last.address() + last.registers();
    }
}
