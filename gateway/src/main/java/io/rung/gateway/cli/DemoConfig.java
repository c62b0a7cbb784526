package io.rung.gateway.cli;

/** The mapping {@code rung demo} runs: the Modbus simulator's pump station under {@code building-b/floor-5/}. */
final class DemoConfig {
    /** YAML with two {@code %d}: the Modbus simulator's port, then the OPC UA simulator's. */
    static final String TEXT = """
            broker:
              listeners:
                - { port: 1883 }
                - { port: 8083, websocket: /mqtt }
            http: { port: 8080 }
            devices:
              - name: pump-1
                topic: building-b/floor-5/pump-1
                modbus: { url: "tcp://127.0.0.1:%d", unit: 1, timeout: 1s }
                poll: 1s
                points:
                  - { name: temperature,    address: holding:100, type: float32, unit: "°C", deadband: 0.05, decimals: 2 }
                  - { name: counter,        address: holding:104, type: uint32 }
                  - { name: pressure,       address: holding:106, type: int16, scale: 0.01, unit: bar }
                  - { name: energy,         address: holding:108, type: float64, unit: kWh }
                  - { name: label,          address: holding:120, type: string, length: 8 }
                  - { name: speed-setpoint, address: 40201, type: uint16, write: true, min: 0, max: 1500, unit: rpm }
                  - { name: speed,          address: 40202, type: uint16, unit: rpm }
                  - { name: enabled,        address: coil:0, write: true }
                  - { name: running,        address: coil:5 }
                  - { name: flow,           address: input:1, type: float32, unit: "m³/h", deadband: 0.5 }
                  - { name: alarm,          address: discrete:1 }
              - name: tank-1
                topic: building-b/floor-5/tank-1
                opcua: { url: "opc.tcp://127.0.0.1:%d/rung", security: none }
                mode: subscribe
                poll: 1s
                points:
                  - { name: level,        node: "nsu=urn:rung:sim:plant;s=Tank1.Level", unit: "%%", deadband: 0.1, decimals: 1 }
                  - { name: temperature,  node: "nsu=urn:rung:sim:plant;s=Tank1.Temperature", unit: "°C", deadband: 0.05 }
                  - { name: counter,      node: "nsu=urn:rung:sim:plant;s=Tank1.Counter" }
                  - { name: valve,        node: "nsu=urn:rung:sim:plant;s=Tank1.Valve", write: true }
                  - { name: setpoint,     node: "nsu=urn:rung:sim:plant;s=Tank1.Setpoint", write: true, min: 0, max: 100 }
                  - { name: last-service, node: "nsu=urn:rung:sim:plant;s=Tank1.LastService" }
            """;

    private DemoConfig() {}
}
