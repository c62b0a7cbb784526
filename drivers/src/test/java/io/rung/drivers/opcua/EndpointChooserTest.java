package io.rung.drivers.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rung.config.OpcUaConfig;
import io.rung.config.Secret;
import java.util.List;
import java.util.Optional;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UByte;
import org.eclipse.milo.opcua.stack.core.types.enumerated.ApplicationType;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.UserTokenType;
import org.eclipse.milo.opcua.stack.core.types.structured.ApplicationDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.UserTokenPolicy;
import org.junit.jupiter.api.Test;

/** Endpoint choice by security mode, policy and user token (OPC UA Part 4 §5.4.4 GetEndpoints). */
class EndpointChooserTest {
    static final String URL = "opc.tcp://10.0.0.5:4840";

    static final List<EndpointDescription> OFFERED = List.of(
            endpoint(SecurityPolicy.None, MessageSecurityMode.None, UserTokenType.Anonymous),
            endpoint(SecurityPolicy.Basic256Sha256, MessageSecurityMode.SignAndEncrypt, UserTokenType.UserName),
            endpoint(SecurityPolicy.Aes128_Sha256_RsaOaep, MessageSecurityMode.SignAndEncrypt, UserTokenType.UserName),
            endpoint(SecurityPolicy.Basic256, MessageSecurityMode.SignAndEncrypt, UserTokenType.UserName));

    @Test
    void strongestModernPolicyWinsByDefault() throws Exception {
        assertThat(EndpointChooser.choose(OFFERED, config(OpcUaConfig.Security.SIGN_AND_ENCRYPT, null, "op"))
                        .getSecurityPolicyUri())
                .isEqualTo(SecurityPolicy.Basic256Sha256.getUri());
    }

    @Test
    void configuredPolicyIsHonouredInAnySpelling() throws Exception {
        assertThat(EndpointChooser.choose(
                                OFFERED, config(OpcUaConfig.Security.SIGN_AND_ENCRYPT, "aes128_sha256_rsaoaep", "op"))
                        .getSecurityPolicyUri())
                .isEqualTo(SecurityPolicy.Aes128_Sha256_RsaOaep.getUri());
        assertThat(EndpointChooser.choose(OFFERED, config(OpcUaConfig.Security.SIGN_AND_ENCRYPT, "Basic256", "op"))
                        .getSecurityPolicyUri())
                .isEqualTo(SecurityPolicy.Basic256.getUri());
    }

    @Test
    void userTokenKindMustBeOffered() {
        assertThatThrownBy(() -> EndpointChooser.choose(OFFERED, config(OpcUaConfig.Security.NONE, null, "op")))
                .hasMessage("server " + URL + " offers no endpoint with security none and user name login; it offers:"
                        + " None none (anonymous); Basic256Sha256 signAndEncrypt (user name); Aes128_Sha256_RsaOaep "
                        + "signAndEncrypt (user name); Basic256 signAndEncrypt (user name)");
    }

    @Test
    void unknownPolicyNameIsRefused() {
        assertThatThrownBy(() -> EndpointChooser.choose(OFFERED, config(OpcUaConfig.Security.SIGN, "Basic512", null)))
                .hasMessage("policy 'Basic512' is not an OPC UA security policy; use one of Basic256Sha256, "
                        + "Aes128_Sha256_RsaOaep, Aes256_Sha256_RsaPss");
    }

    @Test
    void overrideKeepsThePathAndUsesTheConfiguredHost() {
        EndpointDescription announced = endpoint(
                SecurityPolicy.None,
                MessageSecurityMode.None,
                UserTokenType.Anonymous,
                "opc.tcp://plc-17.factory.local:4841/ua/server");
        assertThat(EndpointChooser.override(announced, "opc.tcp://10.0.0.5:4840")
                        .getEndpointUrl())
                .isEqualTo("opc.tcp://10.0.0.5:4840/ua/server");
    }

    private static OpcUaConfig config(OpcUaConfig.Security security, String policy, String user) {
        return new OpcUaConfig(
                URL,
                security,
                Optional.ofNullable(policy),
                Optional.ofNullable(user),
                Optional.ofNullable(user).map(u -> new Secret("pw")),
                Optional.empty(),
                Optional.empty(),
                false,
                true,
                1);
    }

    private static EndpointDescription endpoint(SecurityPolicy p, MessageSecurityMode m, UserTokenType t) {
        return endpoint(p, m, t, URL);
    }

    private static EndpointDescription endpoint(SecurityPolicy p, MessageSecurityMode m, UserTokenType t, String url) {
        ApplicationDescription server = new ApplicationDescription(
                "urn:plc", "urn:plc", LocalizedText.english("plc"), ApplicationType.Server, null, null, new String[] {
                    url
                });
        return new EndpointDescription(
                url,
                server,
                ByteString.NULL_VALUE,
                m,
                p.getUri(),
                new UserTokenPolicy[] {new UserTokenPolicy("t", t, null, null, null)},
                "http://opcfoundation.org/UA-Profile/Transport/uatcp-uasc-uabinary",
                UByte.valueOf(1));
    }
}
