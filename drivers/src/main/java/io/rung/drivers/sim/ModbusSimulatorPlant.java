package io.rung.drivers.sim;

import io.rung.config.ModbusAddress.Kind;
import java.nio.charset.StandardCharsets;

/**
 * The simulated process behind the register map (see README.md): two temperatures on sine waves, a seconds
 * counter, a pump whose speed ramps toward its writable set-point, an energy meter. Every value is a function of
 * the injected clock's time, so a test that sets the clock knows what it will read.
 */
final class ModbusSimulatorPlant {
    static final int SETPOINT = 200;
    static final int SPEED = 201;
    static final int MAX_SPEED = 1500;
    static final double RAMP_PER_SECOND = 100.0;
    static final String NAME = "Rung sim PLC-1";

    private final long startMillis;
    private long lastMillis;
    private double speed;
    private double energyKwh;
    private double runSeconds;

    ModbusSimulatorPlant(ModbusSimulatorImage image, long startMillis) {
        this.startMillis = startMillis;
        this.lastMillis = startMillis;
        image.set(Kind.COIL, 0, 1);
        image.set(Kind.HOLDING, SETPOINT, 750);
        byte[] name = NAME.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < 8; i++) {
            int high = 2 * i < name.length ? name[2 * i] & 0xFF : 0;
            int low = 2 * i + 1 < name.length ? name[2 * i + 1] & 0xFF : 0;
            image.set(Kind.HOLDING, 120 + i, (high << 8) | low);
        }
        update(image, startMillis);
    }

    /** Temperature 1 (°C) at {@code t} seconds after start: 21 + 4·sin(2πt/60). */
    static double temperature1(double t) {
        return 21 + 4 * Math.sin(2 * Math.PI * t / 60);
    }

    /** Temperature 2 (°C): 18 + 3·sin(2πt/90). */
    static double temperature2(double t) {
        return 18 + 3 * Math.sin(2 * Math.PI * t / 90);
    }

    /** Brings every simulated value to the time {@code nowMillis}; call with the image's lock held. */
    void update(ModbusSimulatorImage image, long nowMillis) {
        double t = (nowMillis - startMillis) / 1000.0;
        double dt = Math.max(0, (nowMillis - lastMillis) / 1000.0);
        lastMillis = Math.max(lastMillis, nowMillis);
        long seconds = (long) Math.floor(t);

        boolean enabled = image.register(Kind.COIL, 0) != 0;
        double target = enabled ? Math.min(image.register(Kind.HOLDING, SETPOINT), MAX_SPEED) : 0;
        double step = RAMP_PER_SECOND * dt;
        speed = speed < target ? Math.min(target, speed + step) : Math.max(target, speed - step);
        boolean running = speed > 0.5;
        energyKwh += 7.5 * speed / MAX_SPEED * dt / 3600;
        if (running) runSeconds += dt;
        double temp1 = temperature1(t);
        boolean alarm = temp1 > 24;
        boolean beat = seconds % 2 == 1;

        float32(image, Kind.HOLDING, 100, (float) temp1, false);
        float32(image, Kind.HOLDING, 102, (float) temperature2(t), true);
        int32(image, Kind.HOLDING, 104, seconds, false);
        image.set(Kind.HOLDING, 106, (int) Math.round(100 * Math.sin(2 * Math.PI * t / 30)));
        image.set(Kind.HOLDING, 107, (running ? 1 : 0) | (alarm ? 2 : 0) | (beat ? 4 : 0));
        int64(image, Kind.HOLDING, 108, Double.doubleToLongBits(energyKwh));
        int64(image, Kind.HOLDING, 112, nowMillis - startMillis);
        int32(image, Kind.HOLDING, 116, -10 * seconds, true);
        image.set(Kind.HOLDING, SPEED, (int) Math.round(speed));

        image.set(Kind.INPUT, 0, (int) Math.round(speed));
        float32(image, Kind.INPUT, 1, (float) (speed / MAX_SPEED * 120), false);
        image.set(Kind.INPUT, 3, (int) Math.round(50 * Math.sin(2 * Math.PI * t / 7)));
        int32(image, Kind.INPUT, 4, (long) Math.floor(runSeconds), true);

        image.set(Kind.COIL, 5, running ? 1 : 0);
        image.set(Kind.DISCRETE, 0, beat ? 1 : 0);
        image.set(Kind.DISCRETE, 1, alarm ? 1 : 0);
        image.set(Kind.DISCRETE, 2, Math.abs(speed - target) < 0.5 ? 1 : 0);
    }

    private static void float32(ModbusSimulatorImage image, Kind kind, int offset, float value, boolean wordSwap) {
        int32(image, kind, offset, Float.floatToIntBits(value), wordSwap);
    }

    private static void int32(ModbusSimulatorImage image, Kind kind, int offset, long value, boolean wordSwap) {
        int high = (int) (value >>> 16) & 0xFFFF;
        int low = (int) value & 0xFFFF;
        image.set(kind, offset, wordSwap ? low : high);
        image.set(kind, offset + 1, wordSwap ? high : low);
    }

    private static void int64(ModbusSimulatorImage image, Kind kind, int offset, long value) {
        for (int i = 0; i < 4; i++) image.set(kind, offset + i, (int) (value >>> (48 - 16 * i)) & 0xFFFF);
    }
}
