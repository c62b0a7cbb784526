package io.rung.gateway.southbound;

import io.rung.drivers.api.Value;
import io.rung.gateway.mapping.DeviceTopics;
import io.rung.gateway.mapping.PayloadCodec;
import io.rung.gateway.port.InboundCommand;
import io.rung.gateway.port.MqttPort;
import io.rung.gateway.port.OutboundMessage;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a command: the result on {@code …/set/result} (not retained) and, for MQTT 5, on its Response Topic with
 * its Correlation Data, but only where the requester itself may publish and never on a {@code /set} topic. Every
 * answer is one INFO line on the {@code audit} logger; every refusal also one WARN line.
 */
final class CommandReplies {
    /** The logger every command is audited on. */
    static final String AUDIT_LOGGER = "audit";

    private final MqttPort mqtt;
    private final Clock clock;
    private final Logger audit;
    private final Logger log;

    CommandReplies(MqttPort mqtt, Clock clock, Logger audit, Logger log) {
        this.mqtt = mqtt;
        this.clock = clock;
        this.audit = audit;
        this.log = log;
    }

    CommandReplies(MqttPort mqtt, Clock clock) {
        this(mqtt, clock, LoggerFactory.getLogger(AUDIT_LOGGER), LoggerFactory.getLogger(CommandSubscriber.class));
    }

    void ok(InboundCommand command, int qos, String label, String oldValue, Value written, Optional<String> id) {
        String newValue = PayloadCodec.valueJson(written);
        audit.info(
                "Command from client '{}' ({}) for {}: {} -> {}: ok",
                command.clientId(),
                user(command),
                label,
                oldValue,
                newValue);
        send(command, qos, PayloadCodec.resultOk(written, id, clock.millis()));
    }

    void refused(
            InboundCommand command,
            int qos,
            String label,
            String oldValue,
            String newValue,
            String error,
            Optional<String> id) {
        audit.info(
                "Command from client '{}' ({}) for {}: {} -> {}: refused: {}",
                command.clientId(),
                user(command),
                label,
                oldValue,
                newValue,
                error);
        log.warn("write rejected: topic '{}': {}", command.topic(), error);
        send(command, qos, PayloadCodec.resultError(error, id));
    }

    private void send(InboundCommand command, int qos, byte[] result) {
        mqtt.publish(OutboundMessage.notRetained(DeviceTopics.result(command.topic()), result, qos));
        Optional<String> responseTopic = command.responseTopic();
        if (responseTopic.isEmpty()) return;
        String topic = responseTopic.get();
        if (DeviceTopics.isCommandTopic(topic)) {
            log.warn("Response topic '{}' of client '{}' not used: it is a command topic.", topic, command.clientId());
        } else if (!command.mayPublishTo(topic)) {
            log.warn(
                    "Response topic '{}' of client '{}' not used: the client may not publish there.",
                    topic,
                    command.clientId());
        } else {
            mqtt.publish(OutboundMessage.reply(topic, result, qos, command.correlationData()));
        }
    }

    private static String user(InboundCommand command) {
        return command.user().map(u -> "user '" + u + "'").orElse("anonymous");
    }
}
