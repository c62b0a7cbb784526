package io.rung.broker.codec;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

/**
 * Checks the property section of an MQTT 5 PUBLISH on the raw bytes: every property except User Property and
 * Subscription Identifier may appear once (MQTT 5 §2.2.2.2), which Netty's decoder does not check.
 */
final class PublishProperties {
    private PublishProperties() {}

    /** Returns the problem with the frame at the reader index, or null; non-PUBLISH frames are not inspected. */
    static @Nullable String check(ByteBuf buf, int frameLength, boolean v5) {
        int start = buf.readerIndex();
        int first = buf.getUnsignedByte(start);
        if (!v5 || (first >> 4) != 3) return null;
        int qos = (first >> 1) & 3;
        int end = start + frameLength;
        int i = start + 1;
        while ((buf.getUnsignedByte(i) & 0x80) != 0) i++;
        i++;
        if (i + 2 > end) return null; // too short: the decoder reports it
        int topicLength = buf.getUnsignedShort(i);
        i += 2 + topicLength + (qos > 0 ? 2 : 0);
        long propsLength = 0;
        int shift = 0;
        while (true) {
            if (i >= end || shift > 21) return null;
            int b = buf.getUnsignedByte(i++);
            propsLength |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) break;
            shift += 7;
        }
        long propsEnd = i + propsLength;
        if (propsLength == 0 || propsEnd > end) return null;
        long seen = 0; // one bit per property id below 64
        while (i < propsEnd) {
            int id = buf.getUnsignedByte(i++);
            int size = switch (id) {
                case 0x01 -> 1; // payload format indicator
                case 0x02 -> 4; // message expiry interval
                case 0x23 -> 2; // topic alias
                case 0x03, 0x08, 0x09 -> i + 2 <= propsEnd ? 2 + buf.getUnsignedShort(i) : -1;
                case 0x26 -> userPropertySize(buf, i, (int) propsEnd);
                case 0x0B -> varIntSize(buf, i, (int) propsEnd);
                default -> -1; // unknown here: let the decoder judge it
            };
            if (size < 0) return null;
            if (id != 0x26 && id != 0x0B) {
                if ((seen & (1L << id)) != 0) {
                    return "property 0x" + Integer.toHexString(id) + " appears twice in PUBLISH";
                }
                seen |= 1L << id;
            }
            i += size;
        }
        return null;
    }

    private static int userPropertySize(ByteBuf buf, int i, int end) {
        if (i + 2 > end) return -1;
        int k = buf.getUnsignedShort(i);
        if (i + 2 + k + 2 > end) return -1;
        int v = buf.getUnsignedShort(i + 2 + k);
        return 4 + k + v;
    }

    private static int varIntSize(ByteBuf buf, int i, int end) {
        for (int n = 1; n <= 4 && i + n - 1 < end; n++) {
            if ((buf.getUnsignedByte(i + n - 1) & 0x80) == 0) return n;
        }
        return -1;
    }
}
