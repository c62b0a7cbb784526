package io.rung.broker.local;

/** An in-process publish the broker refuses: invalid topic, {@code $SYS}, or denied by the ACL. */
public final class PublishRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PublishRefusedException(String message) {
        super(message);
    }
}
