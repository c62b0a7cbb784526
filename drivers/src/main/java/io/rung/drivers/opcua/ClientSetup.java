package io.rung.drivers.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import io.rung.config.OpcUaConfig;
import io.rung.config.Secret;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.milo.opcua.sdk.client.DiscoveryClient;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.OpcUaClientConfig;
import org.eclipse.milo.opcua.sdk.client.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.identity.IdentityProvider;
import org.eclipse.milo.opcua.sdk.client.identity.UsernameProvider;
import org.eclipse.milo.opcua.sdk.client.identity.X509IdentityProvider;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.transport.client.tcp.OpcTcpClientTransport;
import org.eclipse.milo.opcua.stack.transport.client.tcp.OpcTcpClientTransportConfig;
import org.eclipse.milo.opcua.stack.transport.client.tcp.OpcTcpClientTransportConfigBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything needed before a session can be opened: the PKI folder (own certificate, trust list, rejected folder),
 * endpoint discovery and choice, the user identity, and a Milo client built from them. Blocking; runs on the
 * driver's thread.
 */
final class ClientSetup {
    private static final Logger LOG = LoggerFactory.getLogger(ClientSetup.class);
    static final String CERTIFICATE_NAME = "rung";

    private final String device;
    private final OpcUaConfig config;
    private final Path pkiDir;
    private final boolean adoptExisting;
    private final String gatewayId;
    private String applicationUri;
    private OwnCertificate own;
    private RejectedFolder rejected;
    private ServerCertificateCheck check;

    ClientSetup(String device, OpcUaConfig config, Path pkiDir, String gatewayId) {
        this(device, config, pkiDir, gatewayId, false);
    }

    /**
     * @param adoptExisting use a valid certificate already in {@code pki/own/} as it is, with its application URI
     *                      ({@code rung browse}); otherwise it must carry {@code urn:rung:<gatewayId>} or is replaced
     */
    ClientSetup(String device, OpcUaConfig config, Path pkiDir, String gatewayId, boolean adoptExisting) {
        this.adoptExisting = adoptExisting;
        this.device = device;
        this.config = config;
        this.pkiDir = pkiDir.toAbsolutePath().normalize();
        this.gatewayId = gatewayId;
        this.applicationUri = "urn:rung:" + gatewayId;
    }

    Path pkiDir() {
        return pkiDir;
    }

    /** Our certificate's file, once {@link #build()} has run at least once. */
    Path ownCertificateFile() {
        return own != null ? own.file() : pkiDir.resolve("own").resolve("certs").resolve(CERTIFICATE_NAME + ".der");
    }

    RejectedFolder rejected() {
        return rejected;
    }

    /** Discovers the server's endpoints, chooses one and builds an unconnected client for it. */
    OpcUaClient build() throws Exception {
        CryptoProvider.ensureRegistered();
        if (own == null) {
            Optional<OwnCertificate> existing =
                    adoptExisting ? OwnCertificate.loadValid(pkiDir, CERTIFICATE_NAME) : Optional.empty();
            own = existing.isPresent()
                    ? existing.get()
                    : OwnCertificate.loadOrCreate(
                            pkiDir, CERTIFICATE_NAME, applicationUri, "Rung " + gatewayId, OwnCertificate.hostNames());
            applicationUri = own.applicationUri().orElse(applicationUri);
            rejected = new RejectedFolder(pkiDir);
            check = new ServerCertificateCheck(device, config.trustAll(), new TrustFolder(pkiDir), rejected);
        }
        rejected.clearLast();
        List<EndpointDescription> endpoints;
        try {
            endpoints = DiscoveryClient.getEndpoints(config.url(), ClientSetup::transport)
                    .get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            throw new IOException("no answer to GetEndpoints within 15 s", e);
        }
        EndpointDescription endpoint = EndpointChooser.choose(endpoints, config);
        if (config.endpointOverride()) {
            EndpointDescription updated = EndpointChooser.override(endpoint, config.url());
            if (!updated.getEndpointUrl().equals(endpoint.getEndpointUrl())) {
                LOG.info(
                        "Device {}: server announces endpoint {}; connecting to {} instead (endpointOverride).",
                        device,
                        endpoint.getEndpointUrl(),
                        updated.getEndpointUrl());
            }
            endpoint = updated;
        }
        LOG.debug(
                "Device {}: endpoint {} {} {}",
                device,
                endpoint.getEndpointUrl(),
                endpoint.getSecurityMode(),
                endpoint.getSecurityPolicyUri());
        OpcUaClientConfig clientConfig = OpcUaClientConfig.builder()
                .setEndpoint(endpoint)
                .setDiscoveryEndpoints(endpoints)
                .setSessionEndpointValidationEnabled(false)
                .setApplicationName(LocalizedText.english("Rung gateway " + gatewayId))
                .setApplicationUri(applicationUri)
                .setProductUri("urn:rung")
                .setSessionName(() -> "rung " + gatewayId + " " + device)
                .setKeyPair(own.keyPair())
                .setCertificate(own.certificate())
                .setCertificateChain(new X509Certificate[] {own.certificate()})
                .setCertificateValidator(check)
                .setIdentityProvider(identity())
                .setRequestTimeout(uint(15_000))
                .setKeepAliveInterval(uint(2_000))
                .setKeepAliveFailuresAllowed(uint(1))
                .build();
        OpcTcpClientTransportConfigBuilder transport = OpcTcpClientTransportConfig.newBuilder();
        transport(transport);
        return new OpcUaClient(clientConfig, new OpcTcpClientTransport(transport.build()));
    }

    private IdentityProvider identity() throws IOException {
        if (config.username().isPresent()) {
            return new UsernameProvider(
                    config.username().get(),
                    config.password().map(Secret::value).orElse(""));
        }
        if (config.userCert().isPresent()) {
            if (config.userKey().isEmpty()) throw new IOException("userCert is set but userKey is missing");
            X509Certificate cert =
                    PemFiles.readCertificates(config.userCert().get()).get(0);
            PrivateKey key = PemFiles.readPrivateKey(config.userKey().get());
            return new X509IdentityProvider(cert, key);
        }
        return AnonymousProvider.INSTANCE;
    }

    private static void transport(OpcTcpClientTransportConfigBuilder b) {
        b.setConnectTimeout(uint(5_000));
    }
}
