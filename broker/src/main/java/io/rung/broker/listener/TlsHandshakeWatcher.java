package io.rung.broker.listener;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Sits right after the {@code tls} handler: reports a failed handshake in plain words (as a {@link TransportFailure}
 * for the connection handler to log and close), takes the user name from the client certificate on listeners with
 * {@code useCertificateAsUsername}, and keeps TLS exceptions, which are reported that way, from reaching the
 * connection handler as unexpected errors.
 */
final class TlsHandshakeWatcher extends ChannelInboundHandlerAdapter {
    private final ReloadableTlsContext tls;
    private boolean reported;

    TlsHandshakeWatcher(ReloadableTlsContext tls) {
        this.tls = tls;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent done) {
            if (!done.isSuccess()) {
                boolean silent = ctx.pipeline().get(HandlerNames.FIRST_BYTES) != null;
                if (silent && done.cause() instanceof SslHandshakeTimeoutException) {
                    report(ctx, "the client sent nothing for 10 s (no TLS handshake)");
                } else if (silent) {
                    // connected and closed without a byte, as port checks and health probes do: not a refused client
                    reported = true;
                } else {
                    report(ctx, TlsFailure.describe(done.cause(), tls));
                }
            } else if (tls.certificateAsUsername()) {
                takeUserName(ctx);
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    private void takeUserName(ChannelHandlerContext ctx) {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        Optional<String> cn = Optional.empty();
        try {
            Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate leaf) {
                cn = CertificateFacts.commonName(leaf.getSubjectX500Principal());
            }
        } catch (SSLPeerUnverifiedException e) {
            report(ctx, "the client certificate could not be verified (" + e.getMessage() + ")");
            return;
        }
        if (cn.isEmpty() || cn.get().isBlank()) {
            report(
                    ctx,
                    "the client certificate has no common name (CN) to use as user name "
                            + "(useCertificateAsUsername is on)");
            return;
        }
        CertificateUser.set(ctx.channel(), cn.get());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!isTls(cause)) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        // a failed handshake arrives here too, after its completion event: it is reported already
        if (!reported) report(ctx, "TLS error: " + cause.getMessage());
    }

    private void report(ChannelHandlerContext ctx, String reason) {
        if (reported) return;
        reported = true;
        ctx.fireUserEventTriggered(new TransportFailure(reason));
    }

    private static boolean isTls(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSLException || t instanceof NotSslRecordException) return true;
        }
        return false;
    }
}
