package io.rung.drivers.api;

/** A connection-level failure of a driver, naming the device, the address (if any) and the cause in words. */
public final class DriverException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String device;

    public DriverException(String device, String message, Throwable cause) {
        super(message, cause);
        this.device = device;
    }

    public DriverException(String device, String message) {
        super(message);
        this.device = device;
    }

    public String device() {
        return device;
    }
}
