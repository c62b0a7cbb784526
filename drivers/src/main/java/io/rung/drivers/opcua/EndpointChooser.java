package io.rung.drivers.opcua;

import io.rung.config.OpcUaConfig;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.UserTokenType;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.UserTokenPolicy;
import org.eclipse.milo.opcua.stack.core.util.EndpointUtil;

/**
 * Picks the endpoint a device connects to: the configured security mode, the configured policy or else the strongest
 * one offered (Aes256_Sha256_RsaPss, then Basic256Sha256, then Aes128_Sha256_RsaOaep; the deprecated Basic256 and
 * Basic128Rsa15 only when named), and a user token of the configured kind. With {@code endpointOverride} the
 * endpoint's host and port are replaced by the configured ones, because servers often announce a host name that
 * does not resolve from the gateway.
 */
final class EndpointChooser {
    private static final String TCP_PROFILE = "http://opcfoundation.org/UA-Profile/Transport/uatcp-uasc-uabinary";
    private static final Map<SecurityPolicy, Integer> RANK = Map.of(
            SecurityPolicy.Aes256_Sha256_RsaPss, 3,
            SecurityPolicy.Basic256Sha256, 2,
            SecurityPolicy.Aes128_Sha256_RsaOaep, 1);

    private EndpointChooser() {}

    /** The chosen endpoint, or an exception whose message lists what the server offers. */
    static EndpointDescription choose(List<EndpointDescription> endpoints, OpcUaConfig config)
            throws EndpointException {
        MessageSecurityMode mode = mode(config.security());
        Optional<SecurityPolicy> wanted = policy(config.policy());
        UserTokenType token = tokenType(config);
        Optional<EndpointDescription> best = endpoints.stream()
                .filter(e -> e.getTransportProfileUri() == null || TCP_PROFILE.equals(e.getTransportProfileUri()))
                .filter(e -> e.getSecurityMode() == mode)
                .filter(e -> SecurityPolicy.fromUriSafe(e.getSecurityPolicyUri())
                        .map(p -> acceptable(p, mode, wanted))
                        .orElse(false))
                .filter(e -> offersToken(e, token))
                .max(Comparator.comparingInt(e -> rank(e)));
        if (best.isEmpty()) {
            throw new EndpointException("server " + config.url() + " offers no endpoint with security "
                    + securityWord(config.security())
                    + wanted.map(p -> " and policy " + p.name()).orElse("")
                    + " and " + tokenWord(token) + " login; it offers: " + describe(endpoints));
        }
        return best.get();
    }

    /** The endpoint with the configured URL's host and port, when {@code endpointOverride} asks for it. */
    static EndpointDescription override(EndpointDescription endpoint, String configuredUrl) {
        String host = EndpointUtil.getHost(configuredUrl);
        int port = EndpointUtil.getPort(configuredUrl);
        String announced = endpoint.getEndpointUrl();
        if (Objects.equals(EndpointUtil.getHost(announced), host) && EndpointUtil.getPort(announced) == port) {
            return endpoint;
        }
        return EndpointUtil.updateUrl(endpoint, host, port);
    }

    static String describe(List<EndpointDescription> endpoints) {
        if (endpoints.isEmpty()) return "nothing";
        return endpoints.stream()
                .map(e -> {
                    String policy = SecurityPolicy.fromUriSafe(e.getSecurityPolicyUri())
                            .map(Enum::name)
                            .orElse(e.getSecurityPolicyUri());
                    String tokens = Stream.of(
                                    Objects.requireNonNullElse(e.getUserIdentityTokens(), new UserTokenPolicy[0]))
                            .map(t -> tokenWord(t.getTokenType()))
                            .distinct()
                            .collect(Collectors.joining(", "));
                    return policy + " " + modeWord(e.getSecurityMode()) + " (" + tokens + ")";
                })
                .distinct()
                .collect(Collectors.joining("; "));
    }

    private static boolean acceptable(SecurityPolicy p, MessageSecurityMode mode, Optional<SecurityPolicy> wanted) {
        if (mode == MessageSecurityMode.None) return p == SecurityPolicy.None;
        if (wanted.isPresent()) return p == wanted.get();
        return RANK.containsKey(p);
    }

    private static int rank(EndpointDescription e) {
        return SecurityPolicy.fromUriSafe(e.getSecurityPolicyUri())
                .map(p -> RANK.getOrDefault(p, 0))
                .orElse(0);
    }

    private static boolean offersToken(EndpointDescription e, UserTokenType token) {
        return Stream.of(Objects.requireNonNullElse(e.getUserIdentityTokens(), new UserTokenPolicy[0]))
                .anyMatch(t -> t.getTokenType() == token);
    }

    /** The policy named in the config ({@code Basic256Sha256}, any case, or its URI). */
    static Optional<SecurityPolicy> policy(Optional<String> name) throws EndpointException {
        if (name.isEmpty()) return Optional.empty();
        String n = name.get().strip();
        for (SecurityPolicy p : SecurityPolicy.values()) {
            if (p.name().equalsIgnoreCase(n)
                    || p.getUri().equals(n)
                    || p.getUri().toLowerCase(Locale.ROOT).endsWith("#" + n.toLowerCase(Locale.ROOT))) {
                return Optional.of(p);
            }
        }
        throw new EndpointException("policy '" + n + "' is not an OPC UA security policy; use one of "
                + "Basic256Sha256, Aes128_Sha256_RsaOaep, Aes256_Sha256_RsaPss");
    }

    private static MessageSecurityMode mode(OpcUaConfig.Security security) {
        return switch (security) {
            case NONE -> MessageSecurityMode.None;
            case SIGN -> MessageSecurityMode.Sign;
            case SIGN_AND_ENCRYPT -> MessageSecurityMode.SignAndEncrypt;
        };
    }

    static UserTokenType tokenType(OpcUaConfig config) {
        if (config.username().isPresent()) return UserTokenType.UserName;
        if (config.userCert().isPresent()) return UserTokenType.Certificate;
        return UserTokenType.Anonymous;
    }

    private static String securityWord(OpcUaConfig.Security s) {
        return switch (s) {
            case NONE -> "none";
            case SIGN -> "sign";
            case SIGN_AND_ENCRYPT -> "signAndEncrypt";
        };
    }

    private static String modeWord(MessageSecurityMode m) {
        return switch (m) {
            case None -> "none";
            case Sign -> "sign";
            case SignAndEncrypt -> "signAndEncrypt";
            default -> m.name();
        };
    }

    private static String tokenWord(UserTokenType t) {
        return switch (t) {
            case Anonymous -> "anonymous";
            case UserName -> "user name";
            case Certificate -> "certificate";
            default -> "issued token";
        };
    }

    /** No endpoint fits the configuration; the message is meant for users. */
    static final class EndpointException extends Exception {
        private static final long serialVersionUID = 1L;

        EndpointException(String message) {
            super(message);
        }
    }
}
