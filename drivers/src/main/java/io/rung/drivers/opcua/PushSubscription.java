package io.rung.drivers.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import io.rung.drivers.api.Driver;
import io.rung.drivers.api.PointAddress;
import io.rung.drivers.api.Sample;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.subscriptions.MonitoredItemSynchronizationException;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.DataChangeTrigger;
import org.eclipse.milo.opcua.stack.core.types.enumerated.DeadbandType;
import org.eclipse.milo.opcua.stack.core.types.structured.DataChangeFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code subscribe} call: one OPC UA subscription with a monitored item per point, sampling interval = publishing
 * interval = the device's {@code poll}. The driver creates it whenever a session becomes active and Milo could not
 * transfer the old one; it is always built afresh (new node ids from the current namespace table), so a recovered
 * connection never carries duplicate monitored items. Methods other than {@link #close()} run on the driver's thread.
 */
final class PushSubscription implements Driver.Subscription {
    private static final Logger LOG = LoggerFactory.getLogger(PushSubscription.class);
    private static final Set<Long> FILTER_REFUSED = Set.of(
            StatusCodes.Bad_FilterNotAllowed,
            StatusCodes.Bad_MonitoredItemFilterUnsupported,
            StatusCodes.Bad_DeadbandFilterInvalid);

    private final String device;
    private final List<PointAddress> points;
    private final double intervalMs;
    private final int queueSize;
    private final Consumer<List<Sample>> sink;
    private final SampleMapper mapper;
    private final Consumer<PushSubscription> onClose;
    private final Runnable recreate;
    private volatile OpcUaSubscription current;
    private volatile boolean closed;

    PushSubscription(
            String device,
            List<PointAddress> points,
            Duration interval,
            int queueSize,
            Consumer<List<Sample>> sink,
            SampleMapper mapper,
            Consumer<PushSubscription> onClose,
            Runnable recreate) {
        this.device = device;
        this.points = List.copyOf(points);
        this.intervalMs = Math.max(0, interval.toMillis());
        this.queueSize = Math.max(1, queueSize);
        this.sink = sink;
        this.mapper = mapper;
        this.onClose = onClose;
        this.recreate = recreate;
    }

    /** True when there is no live subscription on the server (never created, or reset by Milo). */
    boolean needsCreate() {
        OpcUaSubscription s = current;
        return !closed && (s == null || s.getSyncState() == OpcUaSubscription.SyncState.INITIAL);
    }

    Optional<OpcUaSubscription> milo() {
        return Optional.ofNullable(current);
    }

    /** Creates the subscription and its monitored items on the server; blocking. */
    void establish(OpcUaClient client) {
        if (closed) return;
        List<Sample> failed = new ArrayList<>();
        List<OpcUaMonitoredItem> items = new ArrayList<>();
        for (PointAddress point : points) {
            try {
                items.add(item(
                        point,
                        NodeAddress.parse(point.config().node().orElse("")).resolve(client.getNamespaceTable()),
                        true));
            } catch (NodeAddress.InvalidNodeIdException e) {
                failed.add(mapper.bad(point, e.getMessage()));
            }
        }
        OpcUaSubscription sub = new OpcUaSubscription(client, intervalMs);
        sub.setSubscriptionListener(new Listener());
        try {
            sub.create();
        } catch (UaException e) {
            String why = "cannot create a subscription: " + StatusText.phrase(e.getStatusCode());
            LOG.warn("Device {}: {}.", device, why);
            sink.accept(points.stream().map(p -> mapper.bad(p, why)).toList());
            return;
        }
        current = sub;
        sub.addMonitoredItems(items);
        synchronize(sub);
        List<OpcUaMonitoredItem> retry = new ArrayList<>();
        for (OpcUaMonitoredItem item : List.copyOf(sub.getMonitoredItems())) {
            StatusCode result = item.getCreateResult().orElse(StatusCode.GOOD);
            if (result.isGood()) continue;
            PointAddress point = (PointAddress) item.getUserObject().orElseThrow();
            sub.removeMonitoredItem(item);
            if (item.getFilter() != null && FILTER_REFUSED.contains(result.getValue() & 0xFFFF0000L)) {
                LOG.warn(
                        "Device {}: node {} refuses a deadband ({}); monitoring every change instead.",
                        device,
                        point.config().node().orElse("?"),
                        StatusText.name(result));
                retry.add(item(point, item.getReadValueId().getNodeId(), false));
            } else {
                failed.add(mapper.bad(
                        point, StatusText.aboutNode(point.config().node().orElse("?"), result)));
            }
        }
        if (!retry.isEmpty()) {
            sub.addMonitoredItems(retry);
            synchronize(sub);
            for (OpcUaMonitoredItem item : retry) {
                StatusCode result = item.getCreateResult().orElse(StatusCode.GOOD);
                if (result.isGood()) continue;
                sub.removeMonitoredItem(item);
                PointAddress point = (PointAddress) item.getUserObject().orElseThrow();
                failed.add(mapper.bad(
                        point, StatusText.aboutNode(point.config().node().orElse("?"), result)));
            }
        }
        logRevised(sub);
        if (!failed.isEmpty()) sink.accept(failed);
    }

    /** After a session came back with this subscription transferred: publish the current values once. */
    void refresh(
            OpcUaClient client,
            java.util.function.Function<List<PointAddress>, java.util.concurrent.CompletableFuture<List<Sample>>>
                    reader) {
        if (closed) return;
        reader.apply(points).whenComplete((samples, ex) -> {
            if (samples != null && !closed) sink.accept(samples);
            if (ex != null) LOG.debug("Device {}: refresh after reconnect failed", device, ex);
        });
    }

    /** The connection is gone: every point is bad until values flow again. */
    void lost(String reason) {
        if (closed) return;
        sink.accept(points.stream().map(p -> mapper.bad(p, reason)).toList());
    }

    /** Deletes the subscription on the server (blocking); used by the driver's thread. */
    void delete() {
        OpcUaSubscription s = current;
        current = null;
        if (s == null || s.getSyncState() == OpcUaSubscription.SyncState.INITIAL) return;
        try {
            s.delete();
        } catch (UaException e) {
            LOG.debug("Device {}: deleting subscription failed: {}", device, StatusText.name(e.getStatusCode()));
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        onClose.accept(this);
    }

    boolean isClosed() {
        return closed;
    }

    private OpcUaMonitoredItem item(PointAddress point, NodeId node, boolean withDeadband) {
        OpcUaMonitoredItem item = OpcUaMonitoredItem.newDataItem(node);
        item.setSamplingInterval(intervalMs);
        item.setQueueSize(uint(queueSize));
        item.setDiscardOldest(true);
        BigDecimal deadband = point.config().deadband();
        if (withDeadband && deadband.signum() > 0) {
            double raw = Scaling.of(point.config()).rawDeadband(deadband);
            item.setFilter(
                    new DataChangeFilter(DataChangeTrigger.StatusValue, uint(DeadbandType.Absolute.getValue()), raw));
        }
        item.setUserObject(point);
        return item;
    }

    private void synchronize(OpcUaSubscription sub) {
        try {
            sub.synchronizeMonitoredItems();
        } catch (MonitoredItemSynchronizationException e) {
            LOG.debug("Device {}: some monitored items were refused; see the point errors", device);
        }
    }

    private void logRevised(OpcUaSubscription sub) {
        double publishing = sub.getRevisedPublishingInterval().orElse(intervalMs);
        List<OpcUaMonitoredItem> items = sub.getMonitoredItems();
        double sampling = items.stream()
                .map(i -> i.getRevisedSamplingInterval().orElse(intervalMs))
                .findFirst()
                .orElse(intervalMs);
        long queue = items.stream()
                .map(i -> i.getRevisedQueueSize().map(Number::longValue).orElse((long) queueSize))
                .findFirst()
                .orElse((long) queueSize);
        LOG.info(
                "Device {} subscribed to {} nodes (publishing {} ms, sampling {} ms, queue {}).",
                device,
                items.size(),
                Math.round(publishing),
                Math.round(sampling),
                queue);
        if (Math.round(publishing) != Math.round(intervalMs)
                || Math.round(sampling) != Math.round(intervalMs)
                || queue != queueSize) {
            LOG.info(
                    "Device {}: server revised the requested {} ms / queue {} to publishing {} ms, sampling {} ms,"
                            + " queue {}.",
                    device,
                    Math.round(intervalMs),
                    queueSize,
                    Math.round(publishing),
                    Math.round(sampling),
                    queue);
        }
    }

    private final class Listener implements OpcUaSubscription.SubscriptionListener {
        @Override
        public void onDataReceived(
                OpcUaSubscription subscription, List<OpcUaMonitoredItem> items, List<DataValue> values) {
            if (closed || subscription != current) return;
            List<Sample> samples = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                Optional<Object> point = items.get(i).getUserObject();
                if (point.isPresent()) samples.add(mapper.toSample((PointAddress) point.get(), values.get(i)));
            }
            if (!samples.isEmpty()) sink.accept(samples);
        }

        @Override
        public void onTransferFailed(OpcUaSubscription subscription, StatusCode status) {
            LOG.info(
                    "Device {}: subscription could not be transferred to the new session ({}); re-creating it.",
                    device,
                    StatusText.name(status));
            recreate.run();
        }

        @Override
        public void onStatusChanged(OpcUaSubscription subscription, StatusCode status) {
            LOG.info("Device {}: subscription status changed to {}.", device, StatusText.name(status));
            if (subscription.getSyncState() == OpcUaSubscription.SyncState.INITIAL) recreate.run();
        }
    }
}
