package io.rung.broker.session;

import io.rung.broker.routing.Delivery;

/**
 * When a connected subscriber's queue counts as congested: from the moment it holds {@code highMessages} messages or
 * {@code highBytes} bytes, until it is back at {@code lowMessages} messages and {@code lowBytes} bytes. Counting bytes
 * too keeps a queue of large messages small, and a message limit alone would make a queue of small messages (a few
 * milliseconds of traffic) start and end congestion thousands of times a second.
 *
 * @param highBytes payload plus topic bytes, see {@link #size(Delivery)}
 */
public record WaterMarks(int highMessages, int lowMessages, long highBytes, long lowBytes) {
    public WaterMarks {
        if (lowMessages < 0 || lowMessages >= highMessages) {
            throw new IllegalArgumentException("low-water mark must be >= 0 and below the high-water mark ("
                    + highMessages + " messages), got " + lowMessages);
        }
        if (lowBytes < 0 || lowBytes >= highBytes) {
            throw new IllegalArgumentException("low-water mark must be >= 0 and below the high-water mark (" + highBytes
                    + " bytes), got " + lowBytes);
        }
    }

    /** Marks in messages only. */
    public static WaterMarks messages(int high, int low) {
        return new WaterMarks(high, low, Long.MAX_VALUE, Long.MAX_VALUE - 1);
    }

    /** What a queued delivery counts for in bytes: its payload and topic (the rest is shared or small). */
    public static int size(Delivery d) {
        return d.publication().message().payload().length
                + d.publication().topic().length();
    }

    boolean above(int messages, long bytes) {
        return messages >= highMessages || bytes >= highBytes;
    }

    boolean below(int messages, long bytes) {
        return messages <= lowMessages && bytes <= lowBytes;
    }
}
