package io.rung.broker;

import io.rung.broker.auth.Acl;
import io.rung.broker.auth.Authenticator;
import io.rung.broker.store.StoreFactory;
import io.rung.broker.store.memory.MemoryBrokerStore;
import java.time.Duration;
import java.util.Objects;

/**
 * How the broker decides who connects and what they may do, plus tuning that is not in {@code rung.yaml}.
 *
 * @param verbose log every MQTT packet on {@code broker.events} (at DEBUG), like {@code mosquitto -v}
 * @param version reported in logs and {@code $SYS/broker/version}
 * @param stallTimeout a subscriber holding publishers back without progress for this long is disconnected
 * @param highWaterMark messages queued for one connected subscriber before its publishers are paused
 * @param lowWaterMark queue length below which paused publishers resume
 * @param store opens the session, retained and will store
 */
public record BrokerOptions(Authenticator authenticator, Acl acl, boolean verbose, String version,
                            Duration stallTimeout, int highWaterMark, int lowWaterMark, StoreFactory store) {
    public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_HIGH_WATER_MARK = 1000;
    public static final int DEFAULT_LOW_WATER_MARK = 250;

    public BrokerOptions {
        Objects.requireNonNull(authenticator, "authenticator");
        Objects.requireNonNull(acl, "acl");
        Objects.requireNonNull(version, "version");
        if (lowWaterMark < 0 || lowWaterMark >= highWaterMark) {
            throw new IllegalArgumentException("lowWaterMark must be >= 0 and below highWaterMark ("
                    + highWaterMark + "), got " + lowWaterMark);
        }
    }

    /** Everyone may connect and use every topic; not verbose; memory store. */
    public static BrokerOptions defaults() {
        return new BrokerOptions(Authenticator.allowAll(), Acl.allowAll(), false, "dev", DEFAULT_STALL_TIMEOUT,
                DEFAULT_HIGH_WATER_MARK, DEFAULT_LOW_WATER_MARK, config -> new MemoryBrokerStore());
    }

    public BrokerOptions withAuthenticator(Authenticator v) {
        return new BrokerOptions(v, acl, verbose, version, stallTimeout, highWaterMark, lowWaterMark, store);
    }

    public BrokerOptions withAcl(Acl v) {
        return new BrokerOptions(authenticator, v, verbose, version, stallTimeout, highWaterMark, lowWaterMark, store);
    }

    public BrokerOptions withVerbose(boolean v) {
        return new BrokerOptions(authenticator, acl, v, version, stallTimeout, highWaterMark, lowWaterMark, store);
    }

    public BrokerOptions withVersion(String v) {
        return new BrokerOptions(authenticator, acl, verbose, v, stallTimeout, highWaterMark, lowWaterMark, store);
    }

    public BrokerOptions withStallTimeout(Duration v) {
        return new BrokerOptions(authenticator, acl, verbose, version, v, highWaterMark, lowWaterMark, store);
    }

    /** Both water marks at once, since low must stay below high. */
    public BrokerOptions withWaterMarks(int high, int low) {
        return new BrokerOptions(authenticator, acl, verbose, version, stallTimeout, high, low, store);
    }

    public BrokerOptions withStore(StoreFactory v) {
        return new BrokerOptions(authenticator, acl, verbose, version, stallTimeout, highWaterMark, lowWaterMark, v);
    }
}
