package io.rung.drivers.sim;

import io.rung.drivers.opcua.CryptoProvider;
import io.rung.drivers.opcua.OwnCertificate;
import io.rung.drivers.opcua.RejectedFolder;
import io.rung.drivers.opcua.TrustFolder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.milo.opcua.sdk.server.EndpointConfig;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.identity.AnonymousIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.CompositeValidator;
import org.eclipse.milo.opcua.sdk.server.identity.UsernameIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.X509IdentityValidator;
import org.eclipse.milo.opcua.sdk.server.util.HostnameUtil;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.security.CertificateStore;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.DefaultApplicationGroup;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.DefaultServerCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateStore;
import org.eclipse.milo.opcua.stack.core.security.RsaSha256CertificateFactory;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.transport.TransportProfile;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.structured.BuildInfo;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransport;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransportConfig;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small simulated OPC UA plant on a Milo server, for {@code rung sim opcua}, {@code rung demo} and tests. Endpoints:
 * None, Basic256Sha256 Sign and SignAndEncrypt, Aes256_Sha256_RsaPss SignAndEncrypt; logins: anonymous, user
 * {@value #OPERATOR} (password {@link #DEFAULT_OPERATOR_PASSWORD} unless given) and any X.509 user certificate. Its
 * certificate is kept in {@code pkiDir/own/} and reused, so clients trust it once. The node map is in
 * {@code drivers/src/main/java/io/rung/drivers/opcua/README.md}.
 *
 * <pre>{@code
 * try (OpcUaSimulator sim = new OpcUaSimulator()) {
 *     int port = sim.start("127.0.0.1", 0, dataDir.resolve("sim-pki"));
 *     // opc.tcp://127.0.0.1:<port>/rung, node ns=2;s=Tank1.Level
 * }
 * }</pre>
 */
public final class OpcUaSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OpcUaSimulator.class);

    /** The namespace of every simulated node. */
    public static final String NAMESPACE_URI = "urn:rung:sim:plant";
    /** The simulator's application URI. */
    public static final String APPLICATION_URI = "urn:rung:sim:opcua";
    /** The endpoint path: {@code opc.tcp://host:port/rung}. */
    public static final String PATH = "/rung";
    /** The one user name the simulator knows. */
    public static final String OPERATOR = "operator";
    /** The operator's password unless another is given. */
    public static final String DEFAULT_OPERATOR_PASSWORD = "rung-operator";

    /** Bulk nodes are {@code ns=2;s=Bulk.0} … {@code Bulk.<n-1>} (see {@link #OpcUaSimulator(String, boolean, int)}). */
    public static final String BULK_PREFIX = "Bulk.";

    private final String operatorPassword;
    private final boolean trustAllClients;
    private final int bulkNodes;
    private @Nullable OpcUaServer server;
    private @Nullable OpcUaSimulatorNamespace namespace;
    private String host = "127.0.0.1";
    private int port;

    /** Operator password {@link #DEFAULT_OPERATOR_PASSWORD}; every client certificate is accepted. */
    public OpcUaSimulator() {
        this(DEFAULT_OPERATOR_PASSWORD, true);
    }

    /**
     * @param trustAllClients false: only client certificates in {@code pkiDir/trusted/certs} are accepted, others
     *                        are saved in {@code pkiDir/rejected} (as a real server would do)
     */
    public OpcUaSimulator(String operatorPassword, boolean trustAllClients) {
        this(operatorPassword, trustAllClients, 0);
    }

    /**
     * As above, plus {@code bulkNodes} generated Double variables under {@code Objects/Plant/Bulk}
     * ({@code Bulk.0} … {@code Bulk.<n-1>}) whose values change at every sample, for load tests and benchmarks.
     */
    public OpcUaSimulator(String operatorPassword, boolean trustAllClients, int bulkNodes) {
        if (bulkNodes < 0) throw new IllegalArgumentException("bulkNodes must be >= 0, got " + bulkNodes);
        this.operatorPassword = operatorPassword;
        this.trustAllClients = trustAllClients;
        this.bulkNodes = bulkNodes;
    }

    /**
     * Starts on {@code host:port} ({@code 0} = a free port) and returns the bound port.
     *
     * @throws IOException when the port cannot be bound or the PKI folder cannot be written
     */
    public synchronized int start(String host, int port, Path pkiDir) throws IOException {
        if (server != null) throw new IllegalStateException("simulator already started");
        this.host = host;
        IOException last = null;
        for (int attempt = 0; attempt < (port == 0 ? 5 : 1); attempt++) {
            int p = port == 0 ? freePort(host) : port;
            try {
                startOn(host, p, pkiDir);
                this.port = p;
                LOG.info("OPC UA simulator listening on {}.", url());
                return p;
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    /** {@code opc.tcp://host:port/rung}. */
    public String url() {
        return "opc.tcp://" + announcedHost(host) + ":" + port + PATH;
    }

    public int port() {
        return port;
    }

    /** Monitored items currently sampling the simulated nodes (all sessions). */
    public int monitoredItemCount() {
        OpcUaSimulatorNamespace ns = namespace;
        return ns == null ? 0 : ns.monitoredItemCount();
    }

    /**
     * The current value of a stored variable (writable nodes keep what clients wrote), by its string id such as
     * {@code Tank1.Setpoint}; empty when the simulator is stopped or has no such variable.
     */
    public Optional<Object> value(String stringId) {
        OpcUaSimulatorNamespace ns = namespace;
        return ns == null ? Optional.empty() : ns.valueOf(stringId);
    }

    /** Stops the server and closes every client connection. */
    @Override
    public synchronized void close() {
        OpcUaServer s = server;
        server = null;
        if (s == null) return;
        OpcUaSimulatorNamespace ns = namespace;
        namespace = null;
        try {
            s.shutdown().get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("OPC UA simulator did not shut down cleanly: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ns != null) ns.shutdown();
        LOG.info("OPC UA simulator on port {} stopped.", port);
    }

    private void startOn(String bindHost, int bindPort, Path pkiDir) throws IOException {
        CryptoProvider.ensureRegistered();
        String announced = announcedHost(bindHost);
        Set<String> names = new LinkedHashSet<>(OwnCertificate.hostNames(announced));
        if (!"0.0.0.0".equals(bindHost)) names.addAll(HostnameUtil.getHostnames(bindHost));
        OwnCertificate own =
                OwnCertificate.loadOrCreate(pkiDir, "rung-simulator", APPLICATION_URI, "Rung OPC UA simulator", names);
        TrustFolder trust = new TrustFolder(pkiDir);
        RejectedFolder rejected = new RejectedFolder(pkiDir);
        CertificateValidator clients =
                trustAllClients ? (chain, uri, hosts) -> {} : new DefaultServerCertificateValidator(trust, rejected);
        CertificateStore store = new MemoryCertificateStore();
        try {
            store.set(
                    NodeIds.RsaSha256ApplicationCertificateType,
                    new CertificateStore.Entry(own.keyPair().getPrivate(), new X509Certificate[] {own.certificate()}));
        } catch (Exception e) {
            throw new IOException("cannot use the simulator certificate", e);
        }
        DefaultApplicationGroup group = new DefaultApplicationGroup(trust, store, new Factory(own), clients);
        try {
            group.initialize();
        } catch (Exception e) {
            throw new IOException("cannot set up the simulator certificate group", e);
        }
        OpcUaServerConfig config = OpcUaServerConfig.builder()
                .setApplicationUri(APPLICATION_URI)
                .setApplicationName(LocalizedText.english("Rung OPC UA simulator"))
                .setProductUri("urn:rung:sim")
                .setBuildInfo(new BuildInfo(
                        "urn:rung:sim", "Rung", "Rung OPC UA simulator", OpcUaServer.SDK_VERSION, "", DateTime.now()))
                .setEndpoints(endpoints(bindHost, bindPort, announced, own.certificate()))
                .setCertificateManager(new DefaultCertificateManager(rejected, group))
                .setIdentityValidator(new CompositeValidator(
                        AnonymousIdentityValidator.INSTANCE,
                        new UsernameIdentityValidator(
                                c -> OPERATOR.equals(c.getUsername()) && operatorPassword.equals(c.getPassword())),
                        new X509IdentityValidator(c -> true)))
                .build();
        OpcUaServer s = new OpcUaServer(
                config,
                profile -> profile == TransportProfile.TCP_UASC_UABINARY
                        ? new OpcTcpServerTransport(
                                OpcTcpServerTransportConfig.newBuilder().build())
                        : null);
        OpcUaSimulatorNamespace ns = new OpcUaSimulatorNamespace(s, bulkNodes);
        ns.startup();
        try {
            s.startup().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            ns.shutdown();
            s.shutdown();
            throw new IOException("cannot listen on " + bindHost + ":" + bindPort, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting", e);
        }
        server = s;
        namespace = ns;
    }

    private static Set<EndpointConfig> endpoints(
            String bindHost, int bindPort, String announced, X509Certificate certificate) {
        EndpointConfig.Builder base = EndpointConfig.newBuilder()
                .setBindAddress(bindHost)
                .setBindPort(bindPort)
                .setHostname(announced)
                .setPath(PATH)
                .setCertificate(certificate)
                .addTokenPolicies(
                        OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS,
                        OpcUaServerConfig.USER_TOKEN_POLICY_USERNAME,
                        OpcUaServerConfig.USER_TOKEN_POLICY_X509);
        Set<EndpointConfig> out = new LinkedHashSet<>();
        out.add(base.copy()
                .setSecurityPolicy(SecurityPolicy.None)
                .setSecurityMode(MessageSecurityMode.None)
                .build());
        out.add(base.copy()
                .setSecurityPolicy(SecurityPolicy.Basic256Sha256)
                .setSecurityMode(MessageSecurityMode.Sign)
                .build());
        out.add(base.copy()
                .setSecurityPolicy(SecurityPolicy.Basic256Sha256)
                .setSecurityMode(MessageSecurityMode.SignAndEncrypt)
                .build());
        out.add(base.copy()
                .setSecurityPolicy(SecurityPolicy.Aes256_Sha256_RsaPss)
                .setSecurityMode(MessageSecurityMode.SignAndEncrypt)
                .build());
        return out;
    }

    private static String announcedHost(String bindHost) {
        return "0.0.0.0".equals(bindHost) || "::".equals(bindHost) ? HostnameUtil.getHostname() : bindHost;
    }

    private static int freePort(String host) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
            return socket.getLocalPort();
        }
    }

    /** Hands Milo the persisted certificate instead of creating a new one. */
    private static final class Factory extends RsaSha256CertificateFactory {
        private final OwnCertificate own;

        Factory(OwnCertificate own) {
            this.own = own;
        }

        @Override
        protected KeyPair createRsaSha256KeyPair() {
            return own.keyPair();
        }

        @Override
        protected X509Certificate[] createRsaSha256CertificateChain(KeyPair keyPair) {
            return new X509Certificate[] {own.certificate()};
        }
    }
}
