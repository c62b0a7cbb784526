package io.rung.broker.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/**
 * mosquitto's bridge flag ({@code try_private}): a CONNECT whose protocol level has bit 0x80 set on 3 (MQTT 3.1)
 * or 4 (3.1.1) comes from another broker's bridge. The frame decoder clears the bit before Netty's decoder, which
 * knows only the plain levels, sees the packet, and marks the channel with {@link #KEY}; the connection handler
 * then gives the connection bridge semantics (No Local and Retain As Published on every subscription). Any other
 * level is left alone, so 0x85 or 0x44 are still refused as unsupported.
 */
public final class BridgeFlag {
    /** Set to {@code TRUE} on a channel whose CONNECT carried the bridge flag. */
    public static final AttributeKey<Boolean> KEY = AttributeKey.valueOf("rung.bridgeFlag");

    private static final int CONNECT = 0x10;
    private static final int BRIDGE_BIT = 0x80;

    private BridgeFlag() {}

    /** True when the channel's CONNECT carried the bridge flag. */
    public static boolean isSet(Channel channel) {
        return Boolean.TRUE.equals(channel.attr(KEY).get());
    }

    /**
     * When the whole packet of {@code length} bytes at {@code buf}'s reader index is a CONNECT with the bridge
     * flag, clears the flag and marks the channel. Returns the buffer to go on with: {@code buf} itself, or a
     * writable copy of its readable bytes (and {@code buf} released) when {@code buf} is read-only.
     */
    static ByteBuf strip(Channel channel, ByteBuf buf, int length) {
        int start = buf.readerIndex();
        if (buf.getUnsignedByte(start) != CONNECT) return buf;
        int header = 2;
        while (header < 5 && (buf.getUnsignedByte(start + header - 1) & 0x80) != 0) header++;
        if (header + 2 > length) return buf; // too short for the protocol name: Netty reports it
        int levelAt = header + 2 + buf.getUnsignedShort(start + header);
        if (levelAt >= length) return buf;
        int level = buf.getUnsignedByte(start + levelAt);
        int plain = level & ~BRIDGE_BIT;
        if ((level & BRIDGE_BIT) == 0 || (plain != 3 && plain != 4)) return buf;
        ByteBuf out = buf;
        if (buf.isReadOnly()) {
            out = buf.copy();
            buf.release();
            start = out.readerIndex();
        }
        out.setByte(start + levelAt, plain);
        channel.attr(KEY).set(Boolean.TRUE);
        return out;
    }
}
