package io.rung.drivers.modbus;

import java.util.ArrayList;
import java.util.List;

/** A plain text table with left-aligned columns two spaces apart, for {@code rung probe} output. */
final class TextTable {
    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    TextTable(String... header) {
        this.columns = header.length;
        rows.add(header);
    }

    void row(String... cells) {
        if (cells.length != columns)
            throw new IllegalArgumentException("expected " + columns + " cells, got " + cells.length);
        rows.add(cells);
    }

    List<String> lines() {
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int i = 0; i < columns; i++) width[i] = Math.max(width[i], r[i].length());
        }
        List<String> out = new ArrayList<>();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(r[i]);
                if (i < columns - 1) line.append(" ".repeat(width[i] - r[i].length() + 2));
            }
            out.add(line.toString());
        }
        return out;
    }
}
