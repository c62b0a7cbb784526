package io.rung.broker.handler;

import io.rung.broker.Origin;
import io.rung.broker.auth.Identity;
import org.jspecify.annotations.Nullable;

/** The per-connection protocol state negotiated at CONNECT; used on the connection's event loop only. */
final class ConnectionState {
    MqttConnection.State state = MqttConnection.State.AWAIT_CONNECT;

    @Nullable
    String clientId;
    /** The user name CONNECT gave, verified or not: for refusal lines. */
    @Nullable
    String username;

    @Nullable
    Identity identity;
    /** The origin of every message this client publishes, built once from {@link #identity}. */
    @Nullable
    Origin origin;

    int protocolLevel = 4;
    boolean v5;
    boolean cleanStart;
    /** CONNECT carried mosquitto's bridge flag: No Local and Retain As Published on every subscription. */
    boolean bridge;

    int keepAlive;
    /** MQTT 5 Server Keep Alive when the client's was cut, else -1. */
    int serverKeepAlive = -1;

    boolean assignedClientId;
    /** Session expiry the client asked for (MQTT 5), before capping. */
    long requestedExpiry;

    long grantedExpiry;
    int clientReceiveMaximum = 65_535;
    long clientMaxPacketSize = Long.MAX_VALUE;
    int clientTopicAliasMaximum;
    String @Nullable [] inboundAliases;
    boolean normalDisconnect;
    boolean countedConnected;
    boolean paused;
    boolean deniedLogged;
    /** Why the connection closes, once decided; null while open. */
    @Nullable
    String closeReason;
}
