package io.rung.drivers.sim;

import com.ghgande.j2mod.modbus.procimg.DigitalIn;
import com.ghgande.j2mod.modbus.procimg.DigitalOut;
import com.ghgande.j2mod.modbus.procimg.FIFO;
import com.ghgande.j2mod.modbus.procimg.File;
import com.ghgande.j2mod.modbus.procimg.IllegalAddressException;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.ProcessImage;
import com.ghgande.j2mod.modbus.procimg.Register;
import io.rung.config.ModbusAddress.Kind;

/**
 * The simulator's four tables as a j2mod process image: holding registers 0..299 (190..199 do not exist, so a
 * read across them is answered "illegal data address"), input registers 0..99, coils 0..99, discrete inputs
 * 0..15. Guard every access with {@link #lock()}.
 */
final class ModbusSimulatorImage implements ProcessImage {
    static final int HOLDING = 300;
    static final int HOLE_START = 190;
    static final int HOLE_END = 199;

    private final int[] holding = new int[HOLDING];
    private final int[] input = new int[100];
    private final boolean[] coils = new boolean[100];
    private final boolean[] discretes = new boolean[16];
    private final Object lock = new Object();

    Object lock() {
        return lock;
    }

    int register(Kind kind, int offset) {
        return switch (kind) {
            case HOLDING -> holding[checkHolding(offset)];
            case INPUT -> input[check(offset, input.length)];
            case COIL -> coils[check(offset, coils.length)] ? 1 : 0;
            case DISCRETE -> discretes[check(offset, discretes.length)] ? 1 : 0;
        };
    }

    void set(Kind kind, int offset, int value) {
        switch (kind) {
            case HOLDING -> holding[checkHolding(offset)] = value & 0xFFFF;
            case INPUT -> input[check(offset, input.length)] = value & 0xFFFF;
            case COIL -> coils[check(offset, coils.length)] = value != 0;
            case DISCRETE -> discretes[check(offset, discretes.length)] = value != 0;
        }
    }

    private static int check(int offset, int size) {
        if (offset < 0 || offset >= size) throw new IllegalAddressException("no such address " + offset);
        return offset;
    }

    private static int checkHolding(int offset) {
        if (offset >= HOLE_START && offset <= HOLE_END) throw new IllegalAddressException("no such address " + offset);
        return check(offset, HOLDING);
    }

    private static void checkRange(int offset, int count, int size) {
        if (count < 1 || offset < 0 || offset + count > size) {
            throw new IllegalAddressException("no such range " + offset + "+" + count);
        }
    }

    /** A live view of one register: reads and writes go to the table. */
    private final class Cell implements Register {
        private final int[] table;
        private final int index;

        Cell(int[] table, int index) {
            this.table = table;
            this.index = index;
        }

        @Override
        public int getValue() {
            return table[index];
        }

        @Override
        public int toUnsignedShort() {
            return table[index];
        }

        @Override
        public short toShort() {
            return (short) table[index];
        }

        @Override
        public byte[] toBytes() {
            return new byte[] {(byte) (table[index] >> 8), (byte) table[index]};
        }

        @Override
        public void setValue(int v) {
            table[index] = v & 0xFFFF;
        }

        @Override
        public void setValue(short s) {
            table[index] = s & 0xFFFF;
        }

        @Override
        public void setValue(byte[] b) {
            table[index] = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
        }
    }

    /** A live view of one coil or discrete input. */
    private final class Bit implements DigitalOut {
        private final boolean[] table;
        private final int index;

        Bit(boolean[] table, int index) {
            this.table = table;
            this.index = index;
        }

        @Override
        public boolean isSet() {
            return table[index];
        }

        @Override
        public void set(boolean b) {
            table[index] = b;
        }
    }

    @Override
    public DigitalOut[] getDigitalOutRange(int offset, int count) {
        checkRange(offset, count, coils.length);
        DigitalOut[] out = new DigitalOut[count];
        for (int i = 0; i < count; i++) out[i] = new Bit(coils, offset + i);
        return out;
    }

    @Override
    public DigitalOut getDigitalOut(int offset) {
        return new Bit(coils, check(offset, coils.length));
    }

    @Override
    public int getDigitalOutCount() {
        return coils.length;
    }

    @Override
    public DigitalIn[] getDigitalInRange(int offset, int count) {
        checkRange(offset, count, discretes.length);
        DigitalIn[] in = new DigitalIn[count];
        for (int i = 0; i < count; i++) in[i] = new Bit(discretes, offset + i);
        return in;
    }

    @Override
    public DigitalIn getDigitalIn(int offset) {
        return new Bit(discretes, check(offset, discretes.length));
    }

    @Override
    public int getDigitalInCount() {
        return discretes.length;
    }

    @Override
    public InputRegister[] getInputRegisterRange(int offset, int count) {
        checkRange(offset, count, input.length);
        InputRegister[] r = new InputRegister[count];
        for (int i = 0; i < count; i++) r[i] = new Cell(input, offset + i);
        return r;
    }

    @Override
    public InputRegister getInputRegister(int offset) {
        return new Cell(input, check(offset, input.length));
    }

    @Override
    public int getInputRegisterCount() {
        return input.length;
    }

    @Override
    public Register[] getRegisterRange(int offset, int count) {
        checkRange(offset, count, HOLDING);
        Register[] r = new Register[count];
        for (int i = 0; i < count; i++) r[i] = new Cell(holding, checkHolding(offset + i));
        return r;
    }

    @Override
    public Register getRegister(int offset) {
        return new Cell(holding, checkHolding(offset));
    }

    @Override
    public int getRegisterCount() {
        return HOLDING;
    }

    @Override
    public File getFile(int offset) {
        throw new IllegalAddressException("no files");
    }

    @Override
    public File getFileByNumber(int number) {
        throw new IllegalAddressException("no files");
    }

    @Override
    public int getFileCount() {
        return 0;
    }

    @Override
    public FIFO getFIFO(int offset) {
        throw new IllegalAddressException("no queues");
    }

    @Override
    public FIFO getFIFOByAddress(int address) {
        throw new IllegalAddressException("no queues");
    }

    @Override
    public int getFIFOCount() {
        return 0;
    }
}
