package io.rung.broker.topic;

/**
 * What a client asked for with one filter (MQTT 5 §3.8.3.1).
 *
 * @param qos the maximum QoS granted
 * @param retainHandling 0 send retained at subscribe, 1 only if the subscription is new, 2 never
 * @param subscriptionId the MQTT 5 Subscription Identifier, 0 when none
 */
public record SubscriptionOptions(
        int qos, boolean noLocal, boolean retainAsPublished, int retainHandling, int subscriptionId) {
    public SubscriptionOptions {
        if (qos < 0 || qos > 2) throw new IllegalArgumentException("qos must be 0, 1 or 2, got " + qos);
        if (retainHandling < 0 || retainHandling > 2) {
            throw new IllegalArgumentException("retainHandling must be 0, 1 or 2, got " + retainHandling);
        }
    }

    public static SubscriptionOptions qos(int qos) {
        return new SubscriptionOptions(qos, false, false, 0, 0);
    }
}
