package io.rung.config;

/**
 * The order in which a value's bytes arrive, A the most significant: {@code ABCD} (big-endian), {@code CDAB}
 * (word swap), {@code BADC} (byte swap), {@code DCBA} (little-endian). For 64-bit values the four-letter forms
 * stand for {@code ABCDEFGH}, {@code GHEFCDAB}, {@code BADCFEHG}, {@code HGFEDCBA}; an eight-letter form states
 * any other layout.
 */
public record ByteOrder(String letters) {
    public static final ByteOrder ABCD = new ByteOrder("ABCD");
    public static final ByteOrder CDAB = new ByteOrder("CDAB");
    public static final ByteOrder BADC = new ByteOrder("BADC");
    public static final ByteOrder DCBA = new ByteOrder("DCBA");

    public ByteOrder {
        if (!isValid(letters)) {
            throw new IllegalArgumentException(
                    "order must be ABCD, CDAB, BADC, DCBA or an eight-letter order, got " + letters);
        }
    }

    /** True for the four named orders and any permutation of {@code ABCDEFGH}. */
    public static boolean isValid(String letters) {
        if (letters.equals("ABCD") || letters.equals("CDAB") || letters.equals("BADC") || letters.equals("DCBA"))
            return true;
        if (letters.length() != 8) return false;
        return letters.chars()
                .sorted()
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString()
                .equals("ABCDEFGH");
    }

    /**
     * The arrival layout for a value of {@code size} bytes (2, 4 or 8): position i of the result is the
     * significance letter of the i-th byte on the wire (A most significant).
     */
    public String layout(int size) {
        if (letters.length() == 8) {
            if (size == 8) return letters;
            throw new IllegalArgumentException("eight-letter order " + letters + " applies to 64-bit values only");
        }
        return switch (size) {
            case 2 -> letters.equals("BADC") || letters.equals("DCBA") ? "BA" : "AB";
            case 4 -> letters;
            case 8 ->
                switch (letters) {
                    case "ABCD" -> "ABCDEFGH";
                    case "CDAB" -> "GHEFCDAB";
                    case "BADC" -> "BADCFEHG";
                    default -> "HGFEDCBA";
                };
            default -> throw new IllegalArgumentException("size must be 2, 4 or 8, got " + size);
        };
    }

    @Override
    public String toString() {
        return letters;
    }
}
