package io.rung.broker.it.support;

/** The MQTT protocol versions the broker speaks; tests run one behaviour over several of them. */
public enum Protocol {
    V31("MQIsdp", 3),
    V311("MQTT", 4),
    V5("MQTT", 5);

    private final String protocolName;
    private final int level;

    Protocol(String protocolName, int level) {
        this.protocolName = protocolName;
        this.level = level;
    }

    /** The protocol name field of CONNECT. */
    public String protocolName() {
        return protocolName;
    }

    /** The protocol level byte of CONNECT. */
    public int level() {
        return level;
    }

    public boolean isV5() {
        return this == V5;
    }

    /** The {@code -V} argument of mosquitto_pub and mosquitto_sub. */
    public String mosquittoName() {
        return switch (this) {
            case V31 -> "mqttv31";
            case V311 -> "mqttv311";
            case V5 -> "mqttv5";
        };
    }
}
