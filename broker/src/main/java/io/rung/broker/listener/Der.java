package io.rung.broker.listener;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough ASN.1 DER to wrap a PKCS#1 RSA or SEC1 EC key into PKCS#8, which the JDK's key factories read:
 * writing tag-length-value elements and splitting a SEQUENCE into its elements.
 */
final class Der {
    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;
    /** {@code [0]} explicit, constructed: the curve parameters of a SEC1 EC key. */
    static final int CONTEXT_0 = 0xA0;

    private Der() {}

    /** One element as it appears inside its parent: tag, length and content bytes together. */
    record Element(int tag, byte[] encoded, byte[] content) {}

    static byte[] tlv(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] p : parts) content.writeBytes(p);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.size();
        if (n < 0x80) {
            out.write(n);
        } else {
            int bytes = n < 0x100 ? 1 : n < 0x10000 ? 2 : n < 0x1000000 ? 3 : 4;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) out.write(n >>> (8 * i));
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }

    /** The elements of the SEQUENCE that {@code der} holds. */
    static List<Element> sequence(byte[] der) throws TlsException {
        Element outer = read(der, 0);
        if (outer.tag() != SEQUENCE) throw new TlsException("not a DER sequence");
        List<Element> elements = new ArrayList<>();
        byte[] c = outer.content();
        int pos = 0;
        while (pos < c.length) {
            Element e = read(c, pos);
            elements.add(e);
            pos += e.encoded().length;
        }
        return elements;
    }

    private static Element read(byte[] b, int start) throws TlsException {
        try {
            int pos = start;
            int tag = b[pos++] & 0xFF;
            int len = b[pos++] & 0xFF;
            if (len >= 0x80) {
                int bytes = len & 0x7F;
                if (bytes == 0 || bytes > 4) throw new TlsException("unsupported DER length");
                len = 0;
                for (int i = 0; i < bytes; i++) len = (len << 8) | (b[pos++] & 0xFF);
            }
            if (len < 0 || pos + len > b.length) throw new TlsException("truncated DER element");
            byte[] content = java.util.Arrays.copyOfRange(b, pos, pos + len);
            byte[] encoded = java.util.Arrays.copyOfRange(b, start, pos + len);
            return new Element(tag, encoded, content);
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new TlsException("truncated DER element", e);
        }
    }
}
