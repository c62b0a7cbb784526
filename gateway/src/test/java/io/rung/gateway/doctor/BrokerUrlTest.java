package io.rung.gateway.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BrokerUrlTest {
    @Test
    void defaultPortsFollowTheScheme() {
        assertThat(BrokerUrl.parse("mqtt://h").port()).isEqualTo(1883);
        assertThat(BrokerUrl.parse("mqtts://h").port()).isEqualTo(8883);
        assertThat(BrokerUrl.parse("ws://h/mqtt").port()).isEqualTo(80);
        assertThat(BrokerUrl.parse("wss://h/mqtt").port()).isEqualTo(443);
        assertThat(BrokerUrl.parse("tcp://h:1884").scheme()).isEqualTo("mqtt");
        assertThat(BrokerUrl.parse("ssl://h").tls()).isTrue();
    }

    @Test
    void webSocketPathDefaultsToMqtt() {
        assertThat(BrokerUrl.parse("ws://h:8083").path()).isEqualTo("/mqtt");
        assertThat(BrokerUrl.parse("wss://h:8084/ws").path()).isEqualTo("/ws");
        assertThat(BrokerUrl.parse("ws://[::1]:8083/mqtt").text()).isEqualTo("ws://[::1]:8083/mqtt");
    }

    @Test
    void userInTheUrlIsTakenButAPasswordIsRefusedWithoutEchoingIt() {
        assertThat(BrokerUrl.parse("mqtt://alice@h").user()).contains("alice");
        assertThatThrownBy(() -> BrokerUrl.parse("mqtt://alice:s3cret@h"))
                .hasMessageStartingWith("a URL with user:password@ is refused")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void otherSchemesAreRefusedWithTheListOfGoodOnes() {
        assertThatThrownBy(() -> BrokerUrl.parse("http://h"))
                .hasMessage(
                        "scheme must be one of mqtt, mqtts, ws, wss (was 'http'), e.g. mqtt://broker.example.com:1883");
    }
}
