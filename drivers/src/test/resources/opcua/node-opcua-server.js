// A small independent OPC UA server (node-opcua) for OpcUaNodeServerIT.
// Usage: node node-opcua-server.js PORT WORKDIR
// Listens on 127.0.0.1:PORT only, security None, anonymous; prints "READY <url>" once it accepts clients.
"use strict";
const path = require("path");
const {
    OPCUAServer, OPCUACertificateManager, DataType, Variant, StatusCodes,
    MessageSecurityMode, SecurityPolicy
} = require("node-opcua");

const port = Number.parseInt(process.argv[2], 10);
const workDir = process.argv[3];
const NAMESPACE = "urn:rung:test:node-opcua";

async function main() {
    const serverCertificateManager = new OPCUACertificateManager({
        rootFolder: path.join(workDir, "pki"), automaticallyAcceptUnknownCertificate: true
    });
    const userCertificateManager = new OPCUACertificateManager({
        rootFolder: path.join(workDir, "user-pki"), automaticallyAcceptUnknownCertificate: true
    });
    const server = new OPCUAServer({
        host: "127.0.0.1", hostname: "127.0.0.1", port,
        resourcePath: "/UA/RungTest",
        securityModes: [MessageSecurityMode.None],
        securityPolicies: [SecurityPolicy.None],
        allowAnonymous: true,
        serverCertificateManager, userCertificateManager,
        buildInfo: { productName: "rung-test-node-opcua" }
    });
    await server.initialize();

    const addressSpace = server.engine.addressSpace;
    const ns = addressSpace.registerNamespace(NAMESPACE);
    const plant = ns.addObject({ organizedBy: addressSpace.rootFolder.objects, browseName: "Plant" });
    const variable = (name, dataType, value, writable) => ns.addVariable({
        componentOf: plant, browseName: name, nodeId: "s=Plant." + name, dataType,
        accessLevel: writable ? "CurrentRead | CurrentWrite" : "CurrentRead",
        userAccessLevel: writable ? "CurrentRead | CurrentWrite" : "CurrentRead",
        value: new Variant({ dataType: DataType[dataType], value })
    });
    variable("Pressure", "Double", 4.25, false);
    variable("Enabled", "Boolean", false, true);
    variable("Speed", "Int32", 1200, true);
    variable("Label", "String", "pump A", true);
    variable("Ratio", "Float", 0.5, true);
    const ticks = variable("Ticks", "UInt32", 0, false);
    let count = 0;
    const timer = setInterval(() => {
        count += 1;
        ticks.setValueFromSource(new Variant({ dataType: DataType.UInt32, value: count }), StatusCodes.Good);
    }, 200);

    await server.start();
    process.stdout.write("READY " + server.getEndpointUrl() + "\n");

    const stop = async () => {
        clearInterval(timer);
        await server.shutdown(0);
        process.exit(0);
    };
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
    process.stdin.on("end", stop);
    process.stdin.resume();
}

main().catch((err) => {
    process.stderr.write("FAILED " + (err && err.message ? err.message : String(err)) + "\n");
    process.exit(3);
});
