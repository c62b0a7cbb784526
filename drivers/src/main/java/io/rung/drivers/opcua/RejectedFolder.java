package io.rung.drivers.opcua;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.CertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.util.CertificateUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code pki/rejected/}: certificates that were not trusted, one DER file each, named after the certificate's
 * common name and SHA-1 thumbprint ({@code rung-opc-ua-simulator-3f2a….der}) so that the user can tell them apart.
 * Remembers the last file it wrote, so the connection error can name it.
 */
public final class RejectedFolder implements CertificateQuarantine {
    private static final Logger LOG = LoggerFactory.getLogger(RejectedFolder.class);

    private final Path dir;
    private final AtomicReference<Optional<Path>> last = new AtomicReference<>(Optional.empty());

    public RejectedFolder(Path pkiDir) throws IOException {
        this.dir = Files.createDirectories(pkiDir.resolve("rejected"));
    }

    /** The file most recently written (or found already there) since {@link #clearLast()}. */
    public Optional<Path> last() {
        return last.get();
    }

    public void clearLast() {
        last.set(Optional.empty());
    }

    @Override
    public void addRejectedCertificate(X509Certificate certificate) {
        Path file = dir.resolve(fileName(certificate));
        try {
            if (!Files.exists(file)) PemFiles.writeDer(file, certificate);
            last.set(Optional.of(file));
        } catch (IOException e) {
            LOG.warn("Cannot save the rejected certificate {}: {}", file, e.getMessage());
        }
    }

    @Override
    public List<X509Certificate> getRejectedCertificates() {
        List<X509Certificate> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                try {
                    out.addAll(PemFiles.readCertificates(f));
                } catch (IOException e) {
                    LOG.debug("Skipping {}: {}", f, e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot list {}: {}", dir, e.getMessage());
        }
        return out;
    }

    @Override
    public void removeRejectedCertificate(X509Certificate certificate) {
        try {
            Files.deleteIfExists(dir.resolve(fileName(certificate)));
        } catch (IOException e) {
            LOG.warn("Cannot delete a rejected certificate in {}: {}", dir, e.getMessage());
        }
    }

    /** {@code <common name, lower-case, [a-z0-9-]>-<sha1 thumbprint hex>.der}. */
    static String fileName(X509Certificate certificate) {
        String cn = certificate.getSubjectX500Principal().getName();
        int at = cn.indexOf("CN=");
        String name = at < 0 ? "certificate" : cn.substring(at + 3).split(",")[0];
        name = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (name.isEmpty()) name = "certificate";
        String thumbprint;
        try {
            thumbprint = HexFormat.of()
                    .formatHex(CertificateUtil.thumbprint(certificate).bytesOrEmpty());
        } catch (UaException e) {
            thumbprint = Integer.toHexString(certificate.hashCode());
        }
        return name + "-" + thumbprint + ".der";
    }
}
