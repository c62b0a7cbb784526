package io.rung.drivers.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A value read from or written to a PLC: one record per kind, so payload encoding is an exhaustive switch. */
public sealed interface Value {
    /** A bit, coil or OPC UA Boolean. */
    record Bool(boolean value) implements Value {}

    /** Any signed or unsigned integer up to 64 bits that fits a long. */
    record Int(long value) implements Value {}

    /** An unsigned 64-bit integer, kept exact. */
    record UInt64(java.math.BigInteger value) implements Value {}

    /** A float32: encoded as its shortest float32 decimal. */
    record Float32(float value) implements Value {}

    /** A float64. */
    record Float64(double value) implements Value {}

    /** A scaled value: raw × scale + offset, rounded to the point's decimals. */
    record Decimal(BigDecimal value) implements Value {}

    /** Text. */
    record Text(String value) implements Value {}

    /** A ByteString: encoded as base64. */
    record Bytes(byte[] value) implements Value {}

    /** A DateTime: encoded as ISO 8601 UTC text. */
    record Time(Instant value) implements Value {}

    /** An OPC UA array: encoded as a JSON array. */
    record Array(List<Value> values) implements Value {}
}
