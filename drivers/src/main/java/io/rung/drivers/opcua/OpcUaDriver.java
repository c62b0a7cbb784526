package io.rung.drivers.opcua;

import io.rung.config.DeviceConfig;
import io.rung.config.OpcUaConfig;
import io.rung.drivers.api.Driver;
import io.rung.drivers.api.DriverException;
import io.rung.drivers.api.DriverState;
import io.rung.drivers.api.PointAddress;
import io.rung.drivers.api.Sample;
import io.rung.drivers.api.Value;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.SessionActivityListener;
import org.eclipse.milo.opcua.sdk.client.UaSession;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.eclipse.milo.opcua.stack.core.types.structured.WriteValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OPC UA driver: one Milo client per device. {@link #connect()} discovers the endpoints, picks one (security,
 * policy, user token), creates or reuses Rung's certificate in {@code pki/own/} and opens a session; a failed first
 * connect fails the future with a sentence saying what to do, and the caller calls {@code connect()} again later.
 * Once connected, Milo re-opens lost sessions by itself (transferring subscriptions where the server can, otherwise
 * this driver re-creates them); meanwhile subscribed points are reported bad.
 *
 * <pre>{@code
 * Driver d = new OpcUaDriver(device, dataDir.resolve("pki"), gateway.id());
 * d.onStateChange(s -> log(s));
 * d.connect().join();
 * d.subscribe(points, device poll, samples -> publish(samples));   // mode: subscribe
 * d.read(points).thenAccept(samples -> publish(samples));           // mode: poll
 * d.write(point, new Value.Float64(42.0));
 * }</pre>
 */
public final class OpcUaDriver implements Driver {
    private static final Logger LOG = LoggerFactory.getLogger(OpcUaDriver.class);

    private final DeviceConfig device;
    private final OpcUaConfig config;
    private final ClientSetup setup;
    private final SampleMapper mapper;
    private final NodeTypes types = new NodeTypes();
    private final ExecutorService thread;
    private final List<PushSubscription> pushes = new CopyOnWriteArrayList<>();
    private final List<Consumer<DriverState>> listeners = new CopyOnWriteArrayList<>();
    private volatile OpcUaClient client;
    private volatile boolean sessionActive;
    private volatile boolean everConnected;
    private volatile boolean closed;

    /** A driver for an OPC UA device; its certificates live under {@code pkiDir} (the data dir's {@code pki/}). */
    public OpcUaDriver(DeviceConfig device, Path pkiDir, String gatewayId) {
        this(device, pkiDir, gatewayId, Clock.systemUTC());
    }

    /** As above, with the clock that stamps samples without a server timestamp. */
    public OpcUaDriver(DeviceConfig device, Path pkiDir, String gatewayId, Clock clock) {
        if (!(device.connection() instanceof OpcUaConfig opcua)) {
            throw new IllegalArgumentException("device " + device.name() + " is not an OPC UA device");
        }
        this.device = device;
        this.config = opcua;
        this.setup = new ClientSetup(device.name(), opcua, pkiDir, gatewayId);
        this.mapper = new SampleMapper(device.timestamps(), clock);
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "opcua-" + device.name());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public CompletableFuture<Void> connect() {
        CompletableFuture<Void> result = new CompletableFuture<>();
        onThread(result, () -> {
            if (closed) throw new DriverException(device.name(), "device " + device.name() + " is closed");
            if (client != null && sessionActive) {
                result.complete(null);
                return;
            }
            dropClient();
            report(DriverState.State.CONNECTING, Optional.empty());
            OpcUaClient c;
            try {
                c = setup.build();
            } catch (Exception e) {
                failConnect(result, e);
                return;
            }
            c.addSessionActivityListener(new Activity(c));
            client = c;
            c.connectAsync()
                    .whenComplete((ok, ex) -> onThread(result, () -> {
                        if (ex != null) {
                            if (client == c) {
                                client = null;
                                c.disconnectAsync();
                            }
                            failConnect(result, ex);
                        } else {
                            LOG.info(
                                    "Device {} connected ({} {} {}, {}).",
                                    device.name(),
                                    config.url(),
                                    c.getConfig().getEndpoint().getSecurityMode(),
                                    policyName(c),
                                    identityWord());
                            activated(c);
                            result.complete(null);
                        }
                    }));
        });
        return result;
    }

    @Override
    public CompletableFuture<List<Sample>> read(List<PointAddress> points) {
        OpcUaClient c = client;
        if (c == null || !sessionActive) {
            return CompletableFuture.failedFuture(new DriverException(
                    device.name(), "device " + device.name() + " is not connected to " + config.url()));
        }
        Sample[] out = new Sample[points.size()];
        List<ReadValueId> ids = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            try {
                NodeId node = nodeOf(points.get(i), c);
                ids.add(new ReadValueId(node, AttributeId.Value.uid(), null, QualifiedName.NULL_VALUE));
                positions.add(i);
            } catch (NodeAddress.InvalidNodeIdException e) {
                out[i] = mapper.bad(points.get(i), e.getMessage());
            }
        }
        if (ids.isEmpty()) return CompletableFuture.completedFuture(List.of(out));
        return c.readAsync(0.0, TimestampsToReturn.Both, ids).handle((response, ex) -> {
            if (ex != null)
                throw new java.util.concurrent.CompletionException(new DriverException(
                        device.name(),
                        "read of " + ids.size() + " nodes from " + config.url() + " failed: " + failureWords(ex),
                        ex));
            DataValue[] values = response.getResults();
            for (int k = 0; k < positions.size(); k++) {
                int i = positions.get(k);
                out[i] = values != null && k < values.length
                        ? mapper.toSample(points.get(i), values[k])
                        : mapper.bad(points.get(i), "the server returned no value");
            }
            return List.of(out);
        });
    }

    @Override
    public Optional<Subscription> subscribe(
            List<PointAddress> points, Duration samplingInterval, Consumer<List<Sample>> sink) {
        PushSubscription push = new PushSubscription(
                device.name(),
                points,
                samplingInterval,
                config.queueSize(),
                sink,
                mapper,
                this::removePush,
                this::ensureSubscriptionsLater);
        pushes.add(push);
        ensureSubscriptionsLater();
        return Optional.of(push);
    }

    @Override
    public CompletableFuture<Void> write(PointAddress point, Value value) {
        OpcUaClient c = client;
        String nodeText = point.config().node().orElse("?");
        if (c == null || !sessionActive) {
            return CompletableFuture.failedFuture(new DriverException(
                    device.name(), "device " + device.name() + " is not connected to " + config.url()));
        }
        NodeId node;
        try {
            node = nodeOf(point, c);
        } catch (NodeAddress.InvalidNodeIdException e) {
            return CompletableFuture.failedFuture(new DriverException(device.name(), e.getMessage()));
        }
        return types.of(c, node, nodeText)
                .thenCompose(type -> {
                    Object encoded;
                    try {
                        encoded = ValueEncoder.encode(value, type, Scaling.of(point.config()));
                    } catch (ValueEncoder.ValueRejectedException e) {
                        return CompletableFuture.failedFuture(
                                new DriverException(device.name(), "node " + nodeText + ": " + e.getMessage()));
                    }
                    WriteValue write = new WriteValue(
                            node, AttributeId.Value.uid(), null, DataValue.valueOnly(new Variant(encoded)));
                    return c.writeAsync(List.of(write)).thenApply(response -> {
                        StatusCode[] results = response.getResults();
                        StatusCode status = results != null && results.length > 0 ? results[0] : StatusCode.GOOD;
                        if (status.isBad()) {
                            throw new java.util.concurrent.CompletionException(
                                    new DriverException(device.name(), StatusText.aboutNode(nodeText, status)));
                        }
                        return (Void) null;
                    });
                })
                .handle((ok, ex) -> {
                    if (ex == null) return null;
                    Throwable cause = ex instanceof java.util.concurrent.CompletionException && ex.getCause() != null
                            ? ex.getCause()
                            : ex;
                    if (cause instanceof DriverException d) throw new java.util.concurrent.CompletionException(d);
                    if (cause instanceof NodeTypes.WriteRefusedException w) {
                        throw new java.util.concurrent.CompletionException(
                                new DriverException(device.name(), w.getMessage()));
                    }
                    throw new java.util.concurrent.CompletionException(new DriverException(
                            device.name(), "write to node " + nodeText + " failed: " + failureWords(cause), cause));
                });
    }

    @Override
    public void onStateChange(Consumer<DriverState> listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            thread.execute(() -> {
                pushes.forEach(PushSubscription::delete);
                pushes.clear();
                dropClient();
                report(DriverState.State.DISCONNECTED, Optional.empty());
                done.complete(null);
            });
            done.get(5, TimeUnit.SECONDS);
        } catch (RejectedExecutionException
                | java.util.concurrent.ExecutionException
                | java.util.concurrent.TimeoutException e) {
            LOG.debug("Device {}: close did not finish cleanly", device.name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.shutdownNow();
    }

    /** The number of monitored items per server-side subscription of the current session (for tests). */
    List<Integer> monitoredItemsPerSubscription() {
        OpcUaClient c = client;
        if (c == null) return List.of();
        return c.getSubscriptions().stream()
                .map(s -> s.getMonitoredItems().size())
                .toList();
    }

    /** The session of {@code owner} is active (first connect or recovery); runs once per activation. */
    private void activated(OpcUaClient owner) {
        if (client != owner || closed || sessionActive) return;
        sessionActive = true;
        types.clear();
        if (everConnected) LOG.info("Device {} reconnected to {}.", device.name(), config.url());
        everConnected = true;
        report(DriverState.State.CONNECTED, Optional.empty());
        for (PushSubscription p : pushes) {
            if (p.needsCreate()) p.establish(owner);
            else p.refresh(owner, this::read);
        }
    }

    /** The security policy of the current session's endpoint, such as {@code Basic256Sha256} (for tests). */
    Optional<String> policyInUse() {
        OpcUaClient c = client;
        return c == null ? Optional.empty() : Optional.of(policyName(c));
    }

    private void removePush(PushSubscription push) {
        pushes.remove(push);
        try {
            thread.execute(push::delete);
        } catch (RejectedExecutionException e) {
            LOG.debug("Device {}: driver closed before the subscription was deleted", device.name());
        }
    }

    private void ensureSubscriptionsLater() {
        try {
            thread.execute(() -> {
                OpcUaClient c = client;
                if (c == null || !sessionActive || closed) return;
                for (PushSubscription p : pushes) if (p.needsCreate()) p.establish(c);
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("Device {}: driver closed", device.name());
        }
    }

    private NodeId nodeOf(PointAddress point, OpcUaClient c) throws NodeAddress.InvalidNodeIdException {
        String text = point.config()
                .node()
                .orElseThrow(() -> new NodeAddress.InvalidNodeIdException("point " + point + " has no node"));
        return NodeAddress.parse(text).resolve(c.getNamespaceTable());
    }

    private void failConnect(CompletableFuture<Void> result, Throwable ex) {
        ConnectFailure failure = ConnectFailure.describe(
                ex,
                config.url(),
                config.username(),
                setup.rejected() == null ? Optional.empty() : setup.rejected().last(),
                setup.pkiDir(),
                setup.ownCertificateFile());
        String message = failure.text();
        LOG.debug("Device {} connect failed", device.name(), ex);
        report(failure.refused() ? DriverState.State.REFUSED : DriverState.State.FAILED, Optional.of(message));
        result.completeExceptionally(new DriverException(device.name(), message, ex));
    }

    private void dropClient() {
        OpcUaClient c = client;
        client = null;
        sessionActive = false;
        if (c == null) return;
        try {
            c.disconnectAsync().get(3, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.debug("Device {}: disconnect did not finish cleanly", device.name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void report(DriverState.State state, Optional<String> error) {
        DriverState s = new DriverState(state, error);
        for (Consumer<DriverState> l : listeners) {
            try {
                l.accept(s);
            } catch (RuntimeException e) {
                LOG.warn("Device {}: state listener failed", device.name(), e);
            }
        }
    }

    private String policyName(OpcUaClient c) {
        String uri = c.getConfig().getEndpoint().getSecurityPolicyUri();
        return uri.substring(uri.indexOf('#') + 1);
    }

    private String identityWord() {
        if (config.username().isPresent()) return "user " + config.username().get();
        if (config.userCert().isPresent())
            return "user certificate " + config.userCert().get().getFileName();
        return "anonymous";
    }

    private static String failureWords(Throwable ex) {
        Throwable t = ex;
        while (t.getCause() != null && !(t instanceof UaException)) t = t.getCause();
        if (t instanceof UaException u)
            return StatusText.words(StatusText.name(u.getStatusCode())) + " (" + StatusText.name(u.getStatusCode())
                    + ")";
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** Runs a step on the driver's thread; a {@link DriverException} from it fails {@code result}. */
    private void onThread(CompletableFuture<Void> result, Step step) {
        try {
            thread.execute(() -> {
                try {
                    step.run();
                } catch (DriverException e) {
                    result.completeExceptionally(e);
                } catch (RuntimeException e) {
                    LOG.error("Device {}: unexpected failure", device.name(), e);
                    result.completeExceptionally(new DriverException(device.name(), "internal error: " + e, e));
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new DriverException(device.name(), "device " + device.name() + " is closed"));
        }
    }

    private interface Step {
        void run() throws DriverException;
    }

    /** Milo's session events, handled on the driver's thread. */
    private final class Activity implements SessionActivityListener {
        private final OpcUaClient owner;

        Activity(OpcUaClient owner) {
            this.owner = owner;
        }

        @Override
        public void onSessionActive(UaSession session) {
            execute(() -> activated(owner));
        }

        @Override
        public void onSessionInactive(UaSession session) {
            execute(() -> {
                if (client != owner || closed || !sessionActive) return;
                sessionActive = false;
                String why = "connection to " + config.url() + " lost; reconnecting";
                LOG.warn("Device {} lost its connection to {}; reconnecting.", device.name(), config.url());
                report(DriverState.State.DISCONNECTED, Optional.of(why));
                for (PushSubscription p : pushes) p.lost(why);
            });
        }

        private void execute(Runnable r) {
            try {
                thread.execute(r);
            } catch (RejectedExecutionException e) {
                LOG.debug("Device {}: driver closed", device.name());
            }
        }
    }
}
