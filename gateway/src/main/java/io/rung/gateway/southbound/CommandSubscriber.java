package io.rung.gateway.southbound;

import io.rung.config.DeviceConfig;
import io.rung.config.PointConfig;
import io.rung.drivers.api.Sample;
import io.rung.drivers.api.Value;
import io.rung.gateway.mapping.DeviceTopics;
import io.rung.gateway.mapping.PayloadCodec;
import io.rung.gateway.northbound.DeviceRuntime;
import io.rung.gateway.port.InboundCommand;
import io.rung.gateway.port.MqttPort;
import io.rung.gateway.port.OutboundMessage;
import io.rung.gateway.port.Ticker;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes to {@code <device.topic>/+/set} for every device and applies DESIGN.md "Commands (southbound) —
 * safety first" to each message, in the order the southbound README lists; an accepted command goes to
 * {@link WriteBack}. Nothing a command carries can throw out of here: every failure becomes an {@code ok:false}.
 *
 * <pre>{@code
 * CommandSubscriber commands = new CommandSubscriber(mqtt, devices, Clock.systemUTC(), Ticker.system());
 * commands.start();
 * ...
 * commands.stop();    // before the poll scheduler stops: later commands are refused
 * }</pre>
 */
public final class CommandSubscriber {
    private static final Logger LOG = LoggerFactory.getLogger(CommandSubscriber.class);

    private final MqttPort mqtt;
    private final List<DeviceRuntime> devices;
    private final Ticker ticker;
    private final CommandReplies replies;
    private final CommandAge age;
    private final RateLimiter rateLimiter = new RateLimiter();
    private final WriteBack writeBack;
    private volatile boolean stopping;

    public CommandSubscriber(MqttPort mqtt, List<DeviceRuntime> devices, Clock clock, Ticker ticker) {
        this(mqtt, devices, clock, ticker, new CommandReplies(mqtt, clock));
    }

    /** With the replies' loggers chosen by a test. */
    CommandSubscriber(MqttPort mqtt, List<DeviceRuntime> devices, Clock clock, Ticker ticker, CommandReplies replies) {
        this.mqtt = mqtt;
        this.devices = List.copyOf(devices);
        this.ticker = ticker;
        this.replies = replies;
        this.age = new CommandAge(clock, ticker);
        this.writeBack = new WriteBack(replies, age);
    }

    /** Subscribes to every device's command topics. */
    public void start() {
        for (DeviceRuntime device : devices) {
            mqtt.subscribe(DeviceTopics.commandFilter(device.config()), command -> onCommand(device, command));
        }
    }

    /** Refuses every later command ({@code "gateway is stopping"}); commands already accepted still finish. */
    public void stop() {
        stopping = true;
    }

    private void onCommand(DeviceRuntime device, InboundCommand command) {
        try {
            handle(device, command);
        } catch (RuntimeException e) {
            LOG.error("Command on topic '{}' failed: {}", command.topic(), e.toString(), e);
            replies.refused(
                    command,
                    device.config().qos(),
                    device.name(),
                    "unknown",
                    size(command),
                    "internal error, the command was not executed",
                    Optional.empty());
        }
    }

    private void handle(DeviceRuntime device, InboundCommand command) {
        DeviceConfig config = device.config();
        if (command.fromGateway()) {
            LOG.debug("Ignored a message the gateway published itself on '{}'.", command.topic());
            return;
        }
        String pointName = DeviceTopics.pointOfCommand(config, command.topic()).orElse("");
        String label = device.name() + "/" + pointName;
        if (command.retain()) {
            if (command.payload().length == 0) {
                LOG.debug("Ignored the deletion of a retained command on '{}'.", command.topic());
                return;
            }
            mqtt.publish(OutboundMessage.clearRetained(command.topic(), config.qos()));
            refuse(device, command, pointName, size(command), "retained commands are not executed", Optional.empty());
            return;
        }
        Optional<String> id = Optional.empty();
        String newValue = size(command);
        try {
            if (stopping) throw new CommandRefusedException("gateway is stopping");
            PointConfig point = device.point(pointName)
                    .orElseThrow(() -> new CommandRefusedException(
                            "unknown point '" + pointName + "' on device " + device.name()));
            if (!point.write()) throw new CommandRefusedException("point " + label + " is not writable");
            CommandPayload payload = CommandPayload.parse(command.payload());
            id = payload.idJson();
            OptionalLong ts = payload.ts();
            Optional<String> late = age.refusal(command, ts, config.maxCommandAge());
            if (late.isPresent()) throw new CommandRefusedException(late.get());
            Value value = CommandValue.of(payload.body(), point, label);
            newValue = PayloadCodec.valueJson(value);
            WriteLimits.check(value, point, label);
            if (point.rateLimit().isPresent()) {
                Optional<String> tooSoon =
                        rateLimiter.acquire(label, point.rateLimit().get(), ticker.nanoTime());
                if (tooSoon.isPresent()) throw new CommandRefusedException(tooSoon.get());
            }
            writeBack.execute(new Command(command, device, point, label, value, id, ts));
        } catch (CommandRefusedException e) {
            refuse(device, command, pointName, newValue, e.reason(), id);
        }
    }

    private void refuse(
            DeviceRuntime device,
            InboundCommand command,
            String pointName,
            String newValue,
            String error,
            Optional<String> id) {
        String oldValue = device.publisher()
                .latest(pointName)
                .flatMap(Sample::value)
                .map(PayloadCodec::valueJson)
                .orElse("unknown");
        replies.refused(command, device.config().qos(), device.name() + "/" + pointName, oldValue, newValue, error, id);
    }

    private static String size(InboundCommand command) {
        return "(" + command.payload().length + " bytes)";
    }
}
