package io.rung.broker.bridge;

import java.util.Optional;

/**
 * The CONNECT a bridge sends (MQTT 3.1.1 §3.1, MQTT 5 §3.1).
 *
 * @param v5 MQTT 5, else 3.1.1
 * @param bridgeFlag 3.1.1 only: protocol level 0x84 instead of 4, mosquitto's {@code try_private}
 * @param sessionExpirySeconds MQTT 5 Session Expiry Interval; 0 = the session ends with the connection
 * @param maxPacketSize MQTT 5 Maximum Packet Size the bridge accepts
 */
record ConnectPacket(
        boolean v5,
        boolean bridgeFlag,
        String clientId,
        boolean cleanStart,
        int keepAliveSeconds,
        Optional<String> username,
        Optional<byte[]> password,
        String willTopic,
        byte[] willPayload,
        long sessionExpirySeconds,
        int maxPacketSize) {
    /** Will QoS: 1, retained, so the remote shows the bridge offline when the link dies. */
    static final int WILL_QOS = 1;
}
