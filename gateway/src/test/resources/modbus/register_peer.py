"""A Modbus TCP peer with holding registers preset from a spec, for Rung's gateway tests (Debian's pymodbus 3.0).

  register_peer.py serve PORT SPEC                        Modbus TCP server on 127.0.0.1:PORT, any unit id
  register_peer.py read PORT holding|coil ADDRESS COUNT   prints the values, space separated
  register_peer.py encode SPEC                            prints each spec line's registers, one line each

A SPEC file has one value per line, `ADDRESS TYPE ORDER VALUE [LENGTH]`, e.g. `12 float32 CDAB -273.15` or
`40 string BADC pymodbus 4`. Holding registers 0..999 are 0 except where a line puts a value; coil 1 and
discrete inputs 0, 2 and 3 are on. Addresses are 0-based protocol offsets.

The encoding is written from Rung's DESIGN.md, independently of Rung's code: ORDER lists the value's bytes in the
order they arrive, A the most significant; for 64-bit values ABCD, CDAB, BADC, DCBA stand for ABCDEFGH, GHEFCDAB,
BADCFEHG, HGFEDCBA, and an eight-letter order is taken as it is; 16-bit values swap their bytes for BADC and
DCBA. Strings hold two characters per register, the first in the high byte (the low byte for BADC and DCBA),
padded with NUL.
"""
import logging
import struct
import sys
import types

FORMATS = {"int16": "h", "uint16": "H", "int32": "i", "uint32": "I", "int64": "q", "uint64": "Q",
           "float32": "f", "float64": "d"}
LONG = {"ABCD": "ABCDEFGH", "CDAB": "GHEFCDAB", "BADC": "BADCFEHG", "DCBA": "HGFEDCBA"}


def layout(order, size):
    if size == 2:
        return "BA" if order in ("BADC", "DCBA") else "AB"
    if size == 4:
        return order
    return LONG.get(order, order)


def encode(kind, order, text, length):
    if kind == "string":
        data = text.encode("latin-1").ljust(2 * length, b"\0")
        if order in ("BADC", "DCBA"):
            data = bytes(data[i ^ 1] for i in range(len(data)))
    else:
        fmt = FORMATS[kind]
        number = float(text) if fmt in "fd" else int(text)
        big = struct.pack(">" + fmt, number)  # A first
        data = bytes(big[ord(letter) - ord("A")] for letter in layout(order, len(big)))
    return [int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data), 2)]


def spec(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if parts:
                length = int(parts[4]) if len(parts) > 4 else 0
                yield int(parts[0]), encode(parts[1], parts[2], parts[3], length)


def serve(port, path):
    from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
    from pymodbus.server import StartTcpServer

    regs = [0] * 1000
    for address, words in spec(path):
        regs[address:address + len(words)] = words
    store = ModbusSlaveContext(
        di=ModbusSequentialDataBlock(0, [1, 0, 1, 1] + [0] * 96),
        co=ModbusSequentialDataBlock(0, [0, 1] + [0] * 98),
        hr=ModbusSequentialDataBlock(0, regs),
        ir=ModbusSequentialDataBlock(0, [100 + i for i in range(100)]),
        zero_mode=True,
    )
    StartTcpServer(context=ModbusServerContext(slaves=store, single=True), address=("127.0.0.1", port),
                   allow_reuse_address=True)


def read(port, table, address, count):
    from pymodbus.client import ModbusTcpClient

    client = ModbusTcpClient("127.0.0.1", port=port)
    if not client.connect():
        sys.exit("cannot connect to 127.0.0.1:%d" % port)
    try:
        values = []
        while count > 0:  # at most 100 per request, well inside the protocol's limits
            n = min(count, 100)
            if table == "coil":
                values += ["1" if bit else "0" for bit in client.read_coils(address, n, slave=1).bits[:n]]
            else:
                values += [str(r) for r in client.read_holding_registers(address, n, slave=1).registers]
            address += n
            count -= n
        print(" ".join(values))
    finally:
        client.close()


def allow_without_pyserial():
    """Debian's pymodbus imports pyserial at module level even for TCP; stand-ins let the TCP parts load."""
    for name in ("serial", "serial_asyncio"):
        try:
            __import__(name)
        except ImportError:
            stub = types.ModuleType(name)
            stub.create_serial_connection = None
            sys.modules[name] = stub


if __name__ == "__main__":
    logging.basicConfig(level=logging.CRITICAL)
    if sys.argv[1] == "encode":
        for _, words in spec(sys.argv[2]):
            print(" ".join(str(w) for w in words))
        sys.exit(0)
    allow_without_pyserial()
    if sys.argv[1] == "serve":
        serve(int(sys.argv[2]), sys.argv[3])
    else:
        read(int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
