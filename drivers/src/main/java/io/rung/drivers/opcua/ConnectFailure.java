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

/** Turns a failed connection attempt into one sentence that says what to do. */
final class ConnectFailure {
    private ConnectFailure() {}

    static String describe(Throwable failure, String url, Optional<String> username, Optional<Path> rejectedFile,
                           Path pkiDir, Path ownCertificate) {
        Throwable t = unwrap(failure);
        if (rejectedFile.isPresent()) {
            return "server certificate of " + url + " is not trusted: it was saved as " + rejectedFile.get()
                    + "; move it to " + pkiDir.resolve("trusted").resolve("certs") + "/ to trust this server"
                    + " (or set trustAll: true while commissioning)";
        }
        if (t instanceof EndpointChooser.EndpointException || t instanceof NodeAddress.InvalidNodeIdException) {
            return t.getMessage();
        }
        Optional<StatusCode> status = UaException.extractStatusCode(t);
        if (status.isPresent()) {
            long code = status.get().getValue() & 0xFFFF0000L;
            String name = StatusText.name(status.get());
            if (code == StatusCodes.Bad_SecurityChecksFailed || code == StatusCodes.Bad_CertificateUntrusted) {
                return "server " + url + " refused Rung's certificate (" + name + "): trust " + ownCertificate
                        + " (from " + pkiDir.resolve("own") + "/) on the server, usually by moving it from the"
                        + " server's rejected folder to its trusted folder";
            }
            if (code == StatusCodes.Bad_CertificateTimeInvalid || code == StatusCodes.Bad_CertificateIssuerTimeInvalid) {
                return "certificate of " + url + " has expired or is not valid yet (" + name + ")";
            }
            if (code == StatusCodes.Bad_UserAccessDenied || code == StatusCodes.Bad_IdentityTokenInvalid
                    || code == StatusCodes.Bad_IdentityTokenRejected) {
                return "server " + url + " refused the login" + username.map(u -> " as user '" + u + "'").orElse(
                        " (anonymous)") + " (" + name + "): check username and password";
            }
            if (code == StatusCodes.Bad_ConnectionRejected || code == StatusCodes.Bad_ConnectionClosed) {
                return "cannot connect to " + url + ": connection refused or closed (" + name + ")";
            }
            if (code == StatusCodes.Bad_Timeout) return "no answer from " + url + " in time (" + name + ")";
        }
        if (t instanceof ConnectException) return "cannot connect to " + url + ": connection refused";
        if (t instanceof UnknownHostException) return "cannot connect to " + url + ": unknown host";
        if (status.isPresent()) {
            return "cannot connect to " + url + ": " + StatusText.words(StatusText.name(status.get()))
                    + " (" + StatusText.name(status.get()) + ")";
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return "cannot connect to " + url + ": " + message;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable cur = t;
        while ((cur instanceof CompletionException || cur instanceof ExecutionException
                || (cur instanceof UaException && cur.getCause() instanceof UaException)) && cur.getCause() != null) {
            cur = cur.getCause();
        }
        if (cur instanceof UaException && cur.getCause() instanceof ConnectException) return cur.getCause();
        return cur;
    }
}
