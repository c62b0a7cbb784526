package io.rung.broker.routing;

/**
 * One message for one subscriber: the shared publication plus what differs per subscriber.
 *
 * @param qos the QoS of this delivery (publish QoS capped by the granted QoS)
 * @param retain the RETAIN flag to send
 * @param subscriptionIds identifiers of every matching subscription of this subscriber (MQTT 5), may be empty
 */
public record Delivery(Publication publication, int qos, boolean retain, int[] subscriptionIds) {
    public static final int[] NO_IDS = new int[0];
}
