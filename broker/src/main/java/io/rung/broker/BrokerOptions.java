package io.rung.broker;

import io.rung.broker.auth.Acl;
import io.rung.broker.auth.Authenticator;
import io.rung.broker.session.WaterMarks;
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
 * @param highWaterMark messages queued for one connected subscriber before it is congested (its publishers are
 *     paused, QoS 0 for it is dropped)
 * @param lowWaterMark queue length at which congestion ends and paused publishers resume
 * @param highWaterBytes queued payload plus topic bytes before a subscriber is congested, whichever mark comes first
 * @param lowWaterBytes queued bytes at which congestion ends (together with {@code lowWaterMark})
 * @param store opens the session, retained and will store
 */
public record BrokerOptions(
        Authenticator authenticator,
        Acl acl,
        boolean verbose,
        String version,
        Duration stallTimeout,
        int highWaterMark,
        int lowWaterMark,
        long highWaterBytes,
        long lowWaterBytes,
        StoreFactory store) {
    public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_HIGH_WATER_MARK = 10_000;
    public static final int DEFAULT_LOW_WATER_MARK = 2_500;
    public static final long DEFAULT_HIGH_WATER_BYTES = 1024 * 1024;
    public static final long DEFAULT_LOW_WATER_BYTES = 256 * 1024;

    public BrokerOptions {
        Objects.requireNonNull(authenticator, "authenticator");
        Objects.requireNonNull(acl, "acl");
        Objects.requireNonNull(version, "version");
        new WaterMarks(highWaterMark, lowWaterMark, highWaterBytes, lowWaterBytes); // checks low < high
    }

    /** Everyone may connect and use every topic; not verbose; memory store. */
    public static BrokerOptions defaults() {
        return new BrokerOptions(
                Authenticator.allowAll(),
                Acl.allowAll(),
                false,
                "dev",
                DEFAULT_STALL_TIMEOUT,
                DEFAULT_HIGH_WATER_MARK,
                DEFAULT_LOW_WATER_MARK,
                DEFAULT_HIGH_WATER_BYTES,
                DEFAULT_LOW_WATER_BYTES,
                config -> new MemoryBrokerStore());
    }

    /** The congestion marks of a connected subscriber's queue. */
    public WaterMarks waterMarks() {
        return new WaterMarks(highWaterMark, lowWaterMark, highWaterBytes, lowWaterBytes);
    }

    public BrokerOptions withAuthenticator(Authenticator v) {
        return new BrokerOptions(
                v,
                acl,
                verbose,
                version,
                stallTimeout,
                highWaterMark,
                lowWaterMark,
                highWaterBytes,
                lowWaterBytes,
                store);
    }

    public BrokerOptions withAcl(Acl v) {
        return new BrokerOptions(
                authenticator,
                v,
                verbose,
                version,
                stallTimeout,
                highWaterMark,
                lowWaterMark,
                highWaterBytes,
                lowWaterBytes,
                store);
    }

    public BrokerOptions withVerbose(boolean v) {
        return new BrokerOptions(
                authenticator,
                acl,
                v,
                version,
                stallTimeout,
                highWaterMark,
                lowWaterMark,
                highWaterBytes,
                lowWaterBytes,
                store);
    }

    public BrokerOptions withVersion(String v) {
        return new BrokerOptions(
                authenticator,
                acl,
                verbose,
                v,
                stallTimeout,
                highWaterMark,
                lowWaterMark,
                highWaterBytes,
                lowWaterBytes,
                store);
    }

    public BrokerOptions withStallTimeout(Duration v) {
        return new BrokerOptions(
                authenticator,
                acl,
                verbose,
                version,
                v,
                highWaterMark,
                lowWaterMark,
                highWaterBytes,
                lowWaterBytes,
                store);
    }

    /** Both message water marks at once, since low must stay below high. */
    public BrokerOptions withWaterMarks(int high, int low) {
        return new BrokerOptions(
                authenticator, acl, verbose, version, stallTimeout, high, low, highWaterBytes, lowWaterBytes, store);
    }

    /** Both byte water marks at once, since low must stay below high. */
    public BrokerOptions withWaterBytes(long high, long low) {
        return new BrokerOptions(
                authenticator, acl, verbose, version, stallTimeout, highWaterMark, lowWaterMark, high, low, store);
    }

    public BrokerOptions withStore(StoreFactory v) {
        return new BrokerOptions(
                authenticator,
                acl,
                verbose,
                version,
                stallTimeout,
                highWaterMark,
                lowWaterMark,
                highWaterBytes,
                lowWaterBytes,
                v);
    }
}
