package io.rung.drivers.modbus;

/** Why one Modbus request failed: no answer in time, the connection broke, or the device answered an exception. */
final class ModbusRequestException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The kinds of failure, which decide what happens next. */
    enum Kind {
        /** No (valid) answer within the timeout: the device backs off. */
        TIMEOUT,
        /** The line is down or broke: the line reconnects. */
        CONNECTION,
        /** The device answered with an exception code: the points concerned are bad. */
        DEVICE_EXCEPTION
    }

    private final Kind kind;
    private final int exceptionCode;

    private ModbusRequestException(Kind kind, int exceptionCode, String message) {
        super(message);
        this.kind = kind;
        this.exceptionCode = exceptionCode;
    }

    static ModbusRequestException timeout(long millis) {
        return new ModbusRequestException(Kind.TIMEOUT, 0, "timeout after " + millis + " ms");
    }

    static ModbusRequestException connection(String words) {
        return new ModbusRequestException(Kind.CONNECTION, 0, words);
    }

    static ModbusRequestException device(int code) {
        return new ModbusRequestException(
                Kind.DEVICE_EXCEPTION, code, exceptionWords(code) + " (exception " + code + ")");
    }

    /** An answer that does not fit the request, e.g. fewer registers than asked for. */
    static ModbusRequestException malformed(String words) {
        return new ModbusRequestException(Kind.DEVICE_EXCEPTION, -1, words);
    }

    Kind kind() {
        return kind;
    }

    int exceptionCode() {
        return exceptionCode;
    }

    /** The device cannot be reached behind a gateway (codes 10 and 11): treated like a timeout. */
    boolean deviceUnreachable() {
        return kind == Kind.TIMEOUT || (kind == Kind.DEVICE_EXCEPTION && (exceptionCode == 10 || exceptionCode == 11));
    }

    /** Modbus application protocol §7: the exception codes in words. */
    static String exceptionWords(int code) {
        return switch (code) {
            case 1 -> "illegal function";
            case 2 -> "illegal data address";
            case 3 -> "illegal data value";
            case 4 -> "server device failure";
            case 5 -> "acknowledge";
            case 6 -> "server device busy";
            case 8 -> "memory parity error";
            case 10 -> "gateway path unavailable";
            case 11 -> "gateway target device failed to respond";
            default -> "device exception";
        };
    }
}
