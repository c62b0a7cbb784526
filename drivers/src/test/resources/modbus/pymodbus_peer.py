"""An independent Modbus peer for Rung's driver tests, written against Debian's pymodbus 3.0.

  pymodbus_peer.py serve PORT socket|rtu      Modbus TCP (or RTU frames over TCP) server on 127.0.0.1:PORT
  pymodbus_peer.py serial DEVICE BAUD PORT   RTU server for units 1 and 2 on serial DEVICE, plus a Modbus TCP
                                              server on 127.0.0.1:PORT over the same registers (to check writes)
  pymodbus_peer.py read PORT holding|coil ADDRESS COUNT [UNIT]   prints the values, space separated

The TCP servers answer every unit id; the serial one only units 1 and 2 (others get no answer, as on a real
RS-485 line), and holding register 30 holds the unit id. Holding registers 0..99 start with known values of every type and byte order
(see holding() below); 40..99 are free for writes. Addresses are 0-based protocol offsets (zero_mode).
"""
import logging
import struct
import sys
import types


def allow_without_pyserial():
    """Debian's python3-pymodbus only recommends pyserial, yet imports it at module level even for TCP.

    When pyserial is missing, stand-ins that carry only the names imported let the TCP parts load; any serial
    use would still fail loudly.
    """
    for name in ("serial", "serial_asyncio"):
        try:
            __import__(name)
        except ImportError:
            stub = types.ModuleType(name)
            stub.create_serial_connection = None
            sys.modules[name] = stub


def words(data):
    return [int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data), 2)]


def holding():
    regs = [0] * 100

    def put(at, values):
        regs[at:at + len(values)] = values

    put(0, words(struct.pack(">h", -12345)))                     # int16
    put(1, words(struct.pack(">H", 54321)))                      # uint16
    put(2, words(struct.pack(">i", -123456789)))                 # int32 ABCD
    high, low = words(struct.pack(">I", 3000000000))
    put(4, [low, high])                                          # uint32 CDAB
    put(6, words(struct.pack(">q", -1234567890123)))             # int64 ABCD
    put(10, words(struct.pack("<Q", 18000000000000000000)))      # uint64 DCBA (all bytes reversed)
    b = struct.pack(">f", -273.15)
    put(14, words(bytes([b[1], b[0], b[3], b[2]])))              # float32 BADC
    put(16, words(struct.pack(">f", 21.5)))                      # float32 ABCD
    put(18, words(struct.pack(">d", 6.02214076e23)))             # float64 ABCD
    put(22, words(b"pymodbus"))                                  # string, 4 registers
    put(26, [0b1010000000000101])                                # bits 0, 2, 13, 15
    return regs


def unit_store(unit):
    from pymodbus.datastore import ModbusSequentialDataBlock, ModbusSlaveContext

    regs = holding()
    regs[30] = unit
    return ModbusSlaveContext(
        di=ModbusSequentialDataBlock(0, [1, 0, 1, 1] + [0] * 96),
        co=ModbusSequentialDataBlock(0, [0, 1] + [0] * 98),
        hr=ModbusSequentialDataBlock(0, regs),
        ir=ModbusSequentialDataBlock(0, [100 * unit + i for i in range(100)]),
        zero_mode=True,
    )


def serve_serial(device, baud, port):
    import asyncio

    from pymodbus.datastore import ModbusServerContext
    from pymodbus.framer.rtu_framer import ModbusRtuFramer
    from pymodbus.framer.socket_framer import ModbusSocketFramer
    from pymodbus.server.async_io import ModbusSerialServer, ModbusTcpServer

    async def run():
        context = ModbusServerContext(slaves={1: unit_store(1), 2: unit_store(2)}, single=False)
        serial = ModbusSerialServer(context, ModbusRtuFramer, port=device, baudrate=baud, ignore_missing_slaves=True)
        tcp = ModbusTcpServer(context, ModbusSocketFramer, address=("127.0.0.1", port), allow_reuse_address=True)
        await serial.start()  # opens the port before the TCP side listens, so a listening port means ready
        if serial.transport is None:
            sys.exit("cannot open serial port %s" % device)
        await asyncio.gather(serial.serve_forever(), tcp.serve_forever())

    asyncio.run(run())


def serve(port, framing):
    from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
    from pymodbus.framer.rtu_framer import ModbusRtuFramer
    from pymodbus.framer.socket_framer import ModbusSocketFramer
    from pymodbus.server import StartTcpServer

    store = ModbusSlaveContext(
        di=ModbusSequentialDataBlock(0, [1, 0, 1, 1] + [0] * 96),
        co=ModbusSequentialDataBlock(0, [0, 1] + [0] * 98),
        hr=ModbusSequentialDataBlock(0, holding()),
        ir=ModbusSequentialDataBlock(0, [100 + i for i in range(100)]),
        zero_mode=True,
    )
    context = ModbusServerContext(slaves=store, single=True)
    framer = ModbusRtuFramer if framing == "rtu" else ModbusSocketFramer
    StartTcpServer(context=context, address=("127.0.0.1", port), framer=framer, allow_reuse_address=True)


def read(port, table, address, count, unit=1):
    from pymodbus.client import ModbusTcpClient

    client = ModbusTcpClient("127.0.0.1", port=port)
    if not client.connect():
        sys.exit("cannot connect to 127.0.0.1:%d" % port)
    try:
        if table == "coil":
            answer = client.read_coils(address, count, slave=unit)
            print(" ".join("1" if bit else "0" for bit in answer.bits[:count]))
        else:
            answer = client.read_holding_registers(address, count, slave=unit)
            print(" ".join(str(r) for r in answer.registers))
    finally:
        client.close()


if __name__ == "__main__":
    logging.basicConfig(level=logging.CRITICAL)
    if sys.argv[1] == "serial":
        serve_serial(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
        sys.exit(0)
    allow_without_pyserial()
    if sys.argv[1] == "serve":
        serve(int(sys.argv[2]), sys.argv[3])
    else:
        read(int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), *map(int, sys.argv[6:7]))
