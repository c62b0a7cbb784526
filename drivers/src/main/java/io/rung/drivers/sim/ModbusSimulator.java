package io.rung.drivers.sim;

import com.ghgande.j2mod.modbus.ModbusIOException;
import com.ghgande.j2mod.modbus.io.ModbusTCPTransport;
import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;
import com.ghgande.j2mod.modbus.msg.WriteCoilRequest;
import com.ghgande.j2mod.modbus.msg.WriteMultipleCoilsRequest;
import com.ghgande.j2mod.modbus.msg.WriteMultipleRegistersRequest;
import com.ghgande.j2mod.modbus.msg.WriteSingleRegisterRequest;
import com.ghgande.j2mod.modbus.net.AbstractModbusListener;
import com.ghgande.j2mod.modbus.procimg.ProcessImage;
import io.rung.config.ModbusAddress.Kind;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated PLC: a Modbus TCP server (j2mod's protocol classes behind Rung's own socket loop) with the register
 * map of {@code README.md}, whose values change over time. It answers only its unit ids (default 1); requests
 * for other units get no answer, like a dead device behind a gateway. Writes are logged and applied.
 *
 * <pre>{@code
 * try (ModbusSimulator sim = new ModbusSimulator()) {
 *     int port = sim.start("127.0.0.1", 0);    // the bound port
 *     ...
 * }
 * }</pre>
 */
public final class ModbusSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModbusSimulator.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Clock clock;
    private final Set<Integer> units;
    private final ModbusSimulatorImage image = new ModbusSimulatorImage();
    private final ModbusSimulatorPlant plant;
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> daemon(r, "modbus-sim-conn"));
    private final ScheduledExecutorService ticker =
            Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "modbus-sim-tick"));
    private final Listener listener = new Listener();
    private final Deque<String> writes = new ArrayDeque<>();
    private final AtomicLong answered = new AtomicLong();
    private @Nullable ServerSocket server;
    private @Nullable Thread acceptor;
    private volatile boolean closed;

    /** A simulator on the system clock answering unit 1. */
    public ModbusSimulator() {
        this(Clock.systemUTC(), 1);
    }

    /** A simulator whose values follow {@code clock} and that answers the given unit ids. */
    public ModbusSimulator(Clock clock, int... units) {
        this.clock = clock;
        this.units = Arrays.stream(units).boxed().collect(Collectors.toUnmodifiableSet());
        this.plant = new ModbusSimulatorPlant(image, clock.millis());
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name + "-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    }

    /**
     * Listens on {@code host:port} (port 0: any free port) and starts the clock ticking every 100 ms.
     *
     * @return the bound port
     */
    public synchronized int start(String host, int port) throws IOException {
        if (server != null) throw new IllegalStateException("simulator already started");
        if (closed) throw new IllegalStateException("simulator is closed");
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(host, port), 50);
        server = s;
        Thread accept = daemon(() -> acceptLoop(s), "modbus-sim-accept");
        acceptor = accept;
        accept.start();
        ticker.scheduleAtFixedRate(this::tick, 100, 100, TimeUnit.MILLISECONDS);
        LOG.info("Modbus simulator listening on {}:{} (units {}).", host, s.getLocalPort(), units);
        return s.getLocalPort();
    }

    /** The bound port, or -1 before {@link #start}. */
    public synchronized int port() {
        return server == null ? -1 : server.getLocalPort();
    }

    /** Brings the simulated values to the clock's current time (also done every 100 ms once started). */
    public void tick() {
        synchronized (image.lock()) {
            plant.update(image, clock.millis());
        }
    }

    /** A register (or 0/1 for a coil or discrete input), as a client would read it. */
    public int get(Kind kind, int offset) {
        synchronized (image.lock()) {
            return image.register(kind, offset);
        }
    }

    /** Sets a register, coil or discrete input, as the PLC's own logic would. */
    public void set(Kind kind, int offset, int value) {
        synchronized (image.lock()) {
            image.set(kind, offset, value);
        }
    }

    /** Requests answered since the start (reads, writes and exception answers): what benchmarks count. */
    public long answered() {
        return answered.get();
    }

    /** The last 100 writes, oldest first, as {@code FC6 holding:200 = 1200}. */
    public List<String> recentWrites() {
        synchronized (writes) {
            return List.copyOf(writes);
        }
    }

    private void acceptLoop(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket socket = s.accept();
                if (closed) {
                    closeQuietly(socket);
                    return;
                }
                clients.add(socket);
                connections.execute(() -> serve(socket));
            } catch (RejectedExecutionException e) {
                return;
            } catch (IOException e) {
                if (!s.isClosed()) LOG.warn("Modbus simulator stopped accepting: {}", e.getMessage());
                return;
            }
        }
    }

    private void serve(Socket socket) {
        String peer = socket.getRemoteSocketAddress().toString();
        LOG.debug("Modbus simulator: connection from {}.", peer);
        try {
            ModbusTCPTransport transport = new ModbusTCPTransport(socket);
            transport.setTimeout(0);
            while (!socket.isClosed()) {
                ModbusRequest request = transport.readRequest(listener);
                if (!units.contains(request.getUnitID())) {
                    LOG.debug(
                            "Modbus simulator: no unit {} here; request from {} not answered.",
                            request.getUnitID(),
                            peer);
                    continue;
                }
                synchronized (image.lock()) {
                    ModbusResponse response = request.createResponse(listener);
                    logWrite(request, response, peer);
                    answered.incrementAndGet(); // before the answer leaves, so a client that has it sees the count
                    transport.writeResponse(response);
                }
            }
        } catch (ModbusIOException e) {
            LOG.debug("Modbus simulator: connection from {} ended: {}", peer, e.getMessage());
        } finally {
            clients.remove(socket);
            closeQuietly(socket);
        }
    }

    private void logWrite(ModbusRequest request, ModbusResponse response, String peer) {
        String what;
        if (request instanceof WriteSingleRegisterRequest r) {
            what = "holding:" + r.getReference() + " = " + r.getRegister().toUnsignedShort();
        } else if (request instanceof WriteMultipleRegistersRequest r) {
            what = "holding:" + r.getReference() + "-" + (r.getReference() + r.getWordCount() - 1);
        } else if (request instanceof WriteCoilRequest r) {
            what = "coil:" + r.getReference() + " = " + r.getCoil();
        } else if (request instanceof WriteMultipleCoilsRequest r) {
            what = "coil:" + r.getReference() + "-" + (r.getReference() + r.getBitCount() - 1);
        } else {
            return;
        }
        boolean refused = response.getFunctionCode() >= 0x80;
        String line = "FC" + request.getFunctionCode() + " " + what + (refused ? " refused" : "");
        synchronized (writes) {
            if (writes.size() == 100) writes.removeFirst();
            writes.addLast(line);
        }
        LOG.info("Modbus simulator: {} from {}.", line, peer);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("Modbus simulator: closing a connection failed: {}", e.getMessage());
        }
    }

    /** Stops listening and drops every connection, as a PLC that is switched off. */
    @Override
    public synchronized void close() {
        closed = true;
        ticker.shutdownNow();
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                LOG.debug("Modbus simulator: closing the listener failed: {}", e.getMessage());
            }
        }
        Thread accept = acceptor;
        if (accept != null && accept != Thread.currentThread()) {
            try {
                accept.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        clients.forEach(ModbusSimulator::closeQuietly);
        connections.shutdownNow();
        LOG.info("Modbus simulator stopped.");
    }

    /** j2mod asks its listener for the process image; this one has a single image for every unit it serves. */
    private final class Listener extends AbstractModbusListener {
        @Override
        public ProcessImage getProcessImage(int unit) {
            return image;
        }

        @Override
        public void run() {
            // Rung's own accept loop serves the connections
        }

        @Override
        public void stop() {
            close();
        }
    }
}
