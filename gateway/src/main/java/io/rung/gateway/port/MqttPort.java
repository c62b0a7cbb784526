package io.rung.gateway.port;

import java.util.function.Consumer;

/**
 * What the gateway needs from the broker. The wiring adapts the broker's in-process client (client id
 * {@value #GATEWAY_CLIENT_ID}) to it; the gateway's publications and subscriptions are trusted and bypass the ACL.
 *
 * <pre>{@code
 * mqtt.subscribe("building-b/floor-5/plc-1/+/set", commands::onCommand);
 * mqtt.publish(OutboundMessage.retained("building-b/floor-5/plc-1/speed", payload, 1));
 * }</pre>
 */
public interface MqttPort {
    /** The client id of the gateway's own publisher; a command carrying it is never executed. */
    String GATEWAY_CLIENT_ID = "$gateway";

    /** Publishes a message; never blocks (the broker queues it, bounded by its own limits). */
    void publish(OutboundMessage message);

    /**
     * Subscribes to a filter. The subscription never receives retained messages (MQTT 5 Retain Handling 2) and
     * sees each message's retain flag as its sender set it (Retain As Published), so a retained command can be
     * recognised and refused. The handler is called on a broker thread and must not block.
     */
    void subscribe(String filter, Consumer<InboundCommand> handler);

    /** True while the broker cannot take more from the gateway: keep only the newest value per point. */
    boolean backpressured();
}
