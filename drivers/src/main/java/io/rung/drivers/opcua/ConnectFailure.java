package io.rung.drivers.opcua;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;

/**
 * A failed connection attempt in one sentence that says what to do, and whether the server answered but refused
 * (a person must fix a certificate, a login or the security settings) or could not be reached at all.
 *
 * @param text the sentence, for logs, {@code $status} and {@code rung browse}
 * @param refused true when the server answered and refused: {@code $status} {@code error}, not {@code offline}
 */
record ConnectFailure(String text, boolean refused) {

    static ConnectFailure describe(
            Throwable failure,
            String url,
            Optional<String> username,
            Optional<Path> rejectedFile,
            Path pkiDir,
            Path ownCertificate) {
        Throwable t = unwrap(failure);
        if (rejectedFile.isPresent()) {
            return refused("server certificate of " + url + " is not trusted: it was saved as " + rejectedFile.get()
                    + "; move it to " + pkiDir.resolve("trusted").resolve("certs") + "/ to trust this server"
                    + " (or set trustAll: true while commissioning)");
        }
        if (t instanceof EndpointChooser.EndpointException || t instanceof NodeAddress.InvalidNodeIdException) {
            return refused(t.getMessage());
        }
        Optional<StatusCode> status = UaException.extractStatusCode(t);
        if (status.isPresent()) {
            long code = status.get().getValue() & 0xFFFF0000L;
            String name = StatusText.name(status.get());
            if (code == StatusCodes.Bad_SecurityChecksFailed || code == StatusCodes.Bad_CertificateUntrusted) {
                return refused("server " + url + " refused Rung's certificate (" + name + "): trust " + ownCertificate
                        + " (from " + pkiDir.resolve("own") + "/) on the server, usually by moving it from the"
                        + " server's rejected folder to its trusted folder");
            }
            if (code == StatusCodes.Bad_CertificateTimeInvalid
                    || code == StatusCodes.Bad_CertificateIssuerTimeInvalid) {
                return refused("certificate of " + url + " has expired or is not valid yet (" + name + ")");
            }
            if (code == StatusCodes.Bad_CertificateHostNameInvalid) {
                return refused("certificate of " + url + " does not name the host of the url (" + name + "): connect"
                        + " with a host name the certificate names, or renew the server's certificate");
            }
            if (code == StatusCodes.Bad_CertificateUriInvalid) {
                return refused("certificate of " + url + " does not carry the server's application uri (" + name
                        + "): renew the server's certificate");
            }
            if (code == StatusCodes.Bad_CertificateRevoked || code == StatusCodes.Bad_CertificateIssuerRevoked) {
                return refused("certificate of " + url + " has been revoked (" + name + ")");
            }
            if (code == StatusCodes.Bad_CertificateRevocationUnknown
                    || code == StatusCodes.Bad_CertificateIssuerRevocationUnknown) {
                return refused("certificate of " + url + " was issued by a CA whose revocation list is missing (" + name
                        + "): put the CA's CRL in " + pkiDir.resolve("issuers").resolve("crl") + "/");
            }
            if (code == StatusCodes.Bad_UserAccessDenied
                    || code == StatusCodes.Bad_IdentityTokenInvalid
                    || code == StatusCodes.Bad_IdentityTokenRejected) {
                return refused("server " + url + " refused the login"
                        + username.map(u -> " as user '" + u + "'").orElse(" (anonymous)") + " (" + name
                        + "): check username and password");
            }
            if (code == StatusCodes.Bad_ConnectionRejected || code == StatusCodes.Bad_ConnectionClosed) {
                return reachless("cannot connect to " + url + ": connection refused or closed (" + name + ")");
            }
            if (code == StatusCodes.Bad_Timeout) return reachless("no answer from " + url + " in time (" + name + ")");
        }
        if (t instanceof ConnectException) return reachless("cannot connect to " + url + ": connection refused");
        if (t instanceof UnknownHostException) return reachless("cannot connect to " + url + ": unknown host");
        if (status.isPresent()) {
            return reachless("cannot connect to " + url + ": " + StatusText.words(StatusText.name(status.get())) + " ("
                    + StatusText.name(status.get()) + ")");
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return reachless("cannot connect to " + url + ": " + message);
    }

    private static ConnectFailure refused(String text) {
        return new ConnectFailure(text, true);
    }

    private static ConnectFailure reachless(String text) {
        return new ConnectFailure(text, false);
    }

    private static Throwable unwrap(Throwable t) {
        Throwable cur = t;
        while ((cur instanceof CompletionException
                        || cur instanceof ExecutionException
                        || (cur instanceof UaException && cur.getCause() instanceof UaException))
                && cur.getCause() != null) {
            cur = cur.getCause();
        }
        if (cur instanceof UaException && cur.getCause() instanceof ConnectException) return cur.getCause();
        return cur;
    }
}
