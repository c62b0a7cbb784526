package io.rung.broker.auth;

/**
 * What an identity may do with topics. Trusted identities bypass it. The broker checks {@link #maySubscribe} at
 * SUBSCRIBE, {@link #mayPublish} at PUBLISH and {@link #mayReceive} for every delivered message, retained ones too.
 */
public interface Acl {
    boolean mayPublish(Identity who, String topic);

    /** The filter is matched against the rules as if it were a topic. */
    boolean maySubscribe(Identity who, String filter);

    boolean mayReceive(Identity who, String topic);

    /**
     * False when there are no rules, so every client that may connect may write every topic (the gateway then warns
     * how many PLC points such clients can write).
     */
    default boolean hasRules() {
        return false;
    }

    /** No rules: everyone may read and write everything (except what the broker itself forbids, like $SYS). */
    static Acl allowAll() {
        return new Acl() {
            @Override
            public boolean mayPublish(Identity who, String topic) {
                return true;
            }

            @Override
            public boolean maySubscribe(Identity who, String filter) {
                return true;
            }

            @Override
            public boolean mayReceive(Identity who, String topic) {
                return true;
            }
        };
    }
}
