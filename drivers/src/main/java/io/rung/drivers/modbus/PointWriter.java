package io.rung.drivers.modbus;

import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersRequest;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersResponse;
import com.ghgande.j2mod.modbus.msg.WriteCoilRequest;
import com.ghgande.j2mod.modbus.msg.WriteMultipleCoilsRequest;
import com.ghgande.j2mod.modbus.msg.WriteMultipleRegistersRequest;
import com.ghgande.j2mod.modbus.msg.WriteSingleRegisterRequest;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.util.BitVector;
import io.rung.config.ModbusAddress;
import io.rung.config.ModbusConfig;
import io.rung.config.PointConfig;
import io.rung.config.PointType;
import io.rung.drivers.api.ConversionException;
import io.rung.drivers.api.DriverException;
import io.rung.drivers.api.PointAddress;
import io.rung.drivers.api.Scaling;
import io.rung.drivers.api.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a write of an engineering value into Modbus requests: FC 5 (or FC 15 with {@code writeMultiple}) for a
 * coil, FC 6 for a 16-bit value unless {@code writeMultiple}, one FC 16 for wider values, and read-modify-write
 * of the register for {@code holding:N.B} (not atomic against the PLC's own logic). The value is converted on
 * the caller's thread, so a value that does not fit fails before anything is sent.
 */
final class PointWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ModbusDriver.class);

    private final String device;
    private final ModbusConfig modbus;
    private final DeviceLink link;

    PointWriter(String device, ModbusConfig modbus, DeviceLink link) {
        this.device = device;
        this.modbus = modbus;
        this.link = link;
    }

    /** The work to run on the line for this write. */
    ModbusLine.Task<Void> prepare(PointAddress point, Value value) throws ConversionException, DriverException {
        PointConfig config = point.config();
        ModbusAddress address = ReadBlock.address(point);
        RegisterSpan span = ReadBlock.spanOf(point);
        if (address.kind() == ModbusAddress.Kind.DISCRETE || address.kind() == ModbusAddress.Kind.INPUT) {
            throw new DriverException(
                    device, span + " is read-only (" + address.kind().yamlName() + " values cannot be written)");
        }
        PointType type = ReadBlock.type(point);
        if (address.kind() == ModbusAddress.Kind.COIL || address.hasBit()) {
            boolean on = ((Value.Bool) Scaling.IDENTITY.toRaw(value, PointType.BOOL)).value();
            if (address.kind() == ModbusAddress.Kind.COIL) return line -> send(line, coil(address.offset(), on), span);
            return line -> writeBit(line, address, on, span);
        }
        Value raw = Scaling.of(config).toRaw(value, type);
        int[] registers = RegisterCodec.encode(type, config.order(), config.length(), raw);
        ModbusRequest request = registers.length == 1 && !modbus.writeMultiple()
                ? new WriteSingleRegisterRequest(address.offset(), new SimpleRegister(registers[0]))
                : new WriteMultipleRegistersRequest(address.offset(), toRegisters(registers));
        return line -> send(line, request, span);
    }

    private ModbusRequest coil(int offset, boolean on) {
        if (!modbus.writeMultiple()) return new WriteCoilRequest(offset, on);
        BitVector bits = new BitVector(1);
        bits.setBit(0, on);
        return new WriteMultipleCoilsRequest(offset, bits);
    }

    private Void writeBit(ModbusLine line, ModbusAddress address, boolean on, RegisterSpan span)
            throws DriverException {
        RegisterSpan register = new RegisterSpan(address.kind(), address.offset(), 1);
        int current;
        try {
            ReadMultipleRegistersResponse r = (ReadMultipleRegistersResponse) link.call(
                    line, new ReadMultipleRegistersRequest(address.offset(), 1), "write", register.toString());
            current = r.getRegister(0).toUnsignedShort();
        } catch (ModbusRequestException e) {
            throw new DriverException(
                    device,
                    "device refused to read " + register + " before setting bit " + address.bit() + ": "
                            + e.getMessage(),
                    e);
        }
        int next = RegisterCodec.withBit(current, address.bit(), on);
        ModbusRequest request = modbus.writeMultiple()
                ? new WriteMultipleRegistersRequest(address.offset(), new Register[] {new SimpleRegister(next)})
                : new WriteSingleRegisterRequest(address.offset(), new SimpleRegister(next));
        return send(line, request, span);
    }

    private Void send(ModbusLine line, ModbusRequest request, RegisterSpan span) throws DriverException {
        try {
            link.call(line, request, "write", span.toString());
            LOG.debug("Device {} wrote {} with FC{}.", device, span, request.getFunctionCode());
            return null;
        } catch (ModbusRequestException e) {
            throw new DriverException(device, "device refused the write to " + span + ": " + e.getMessage(), e);
        }
    }

    private static Register[] toRegisters(int[] values) {
        Register[] registers = new Register[values.length];
        for (int i = 0; i < values.length; i++) registers[i] = new SimpleRegister(values[i]);
        return registers;
    }
}
