package io.rung.broker.listener;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the blocks of a PEM file ({@code -----BEGIN X-----} … {@code -----END X-----}) and X.509 certificates. */
final class PemFiles {
    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\s*(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final Pattern HEADER = Pattern.compile("^[A-Za-z-]+:.*$", Pattern.MULTILINE);

    private PemFiles() {}

    /**
     * One PEM block: its type (such as {@code CERTIFICATE} or {@code PRIVATE KEY}), whether it carries OpenSSL's
     * old {@code Proc-Type: 4,ENCRYPTED} header, and its decoded bytes.
     */
    record Block(String type, boolean legacyEncrypted, byte[] der) {}

    static List<Block> blocks(Path file, String what) throws TlsException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new TlsException(what + " " + file + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new TlsException(what + " " + file + " cannot be read (permission denied)", e);
        } catch (IOException e) {
            throw new TlsException(what + " " + file + " cannot be read: " + e.getMessage(), e);
        }
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String body = m.group(2);
            boolean legacyEncrypted = body.contains("Proc-Type: 4,ENCRYPTED");
            String base64 = HEADER.matcher(body).replaceAll("").replaceAll("\\s", "");
            try {
                blocks.add(new Block(
                        m.group(1), legacyEncrypted, Base64.getDecoder().decode(base64)));
            } catch (IllegalArgumentException e) {
                throw new TlsException(what + " " + file + ": the " + m.group(1) + " block is not valid base64", e);
            }
        }
        if (blocks.isEmpty()) {
            throw new TlsException(what + " " + file + " is not a PEM file (no -----BEGIN ...----- line found)");
        }
        return blocks;
    }

    /** Every certificate in the file, in file order; fails when there is none. */
    static List<X509Certificate> certificates(Path file, String what) throws TlsException {
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
        }
        List<X509Certificate> certs = new ArrayList<>();
        for (Block b : blocks(file, what)) {
            if (!b.type().equals("CERTIFICATE") && !b.type().equals("TRUSTED CERTIFICATE")) continue;
            try {
                certs.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b.der())));
            } catch (CertificateException e) {
                throw new TlsException(
                        what + " " + file + ": certificate " + (certs.size() + 1) + " cannot be parsed: "
                                + e.getMessage(),
                        e);
            }
        }
        if (certs.isEmpty()) {
            throw new TlsException(what + " " + file + " holds no certificate (expected -----BEGIN CERTIFICATE-----)");
        }
        return certs;
    }
}
