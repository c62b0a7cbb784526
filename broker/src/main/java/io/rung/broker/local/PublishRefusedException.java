package io.rung.broker.local;

/** An in-process publish the broker refuses: invalid topic, {@code $SYS}, or denied by the ACL. */
public final class PublishRefusedException extends RuntimeException {
    public PublishRefusedException(String message) {
        super(message);
    }
}
