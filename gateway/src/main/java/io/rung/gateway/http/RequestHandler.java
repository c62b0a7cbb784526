package io.rung.gateway.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a Netty request into a {@link Request}, runs the {@link Router} and writes its {@link Response}. */
final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(RequestHandler.class);
    /** Every response carries these: no framing, no sniffing, no referrer, scripts and styles only from here. */
    private static final Map<String, String> SECURITY_HEADERS = Map.of(
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer",
            "Content-Security-Policy",
                    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                            + "img-src 'self' data:; connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'; "
                            + "form-action 'self'");

    private final Router router;
    private final MqttUpgrade mqtt;

    RequestHandler(Router router, MqttUpgrade mqtt) {
        this.router = router;
        this.mqtt = mqtt;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
        if (MqttUpgrade.isUpgrade(msg)) {
            mqtt.handOver(ctx, msg);
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(msg);
        boolean head = msg.method().equals(HttpMethod.HEAD);
        Request request;
        try {
            request = toRequest(ctx, msg);
        } catch (IllegalArgumentException e) {
            write(ctx, Response.error(400, "bad request: " + e.getMessage()), keepAlive, false);
            return;
        }
        router.handle(request).whenComplete((response, failure) -> {
            Response r = response;
            if (failure != null) {
                LOG.error("HTTP {} {} failed: {}", request.method(), request.path(), failure.toString(), failure);
                r = Response.error(500, "internal error");
            }
            Response out = r;
            ctx.executor().execute(() -> write(ctx, out, keepAlive, head));
        });
    }

    private static Request toRequest(ChannelHandlerContext ctx, FullHttpRequest msg) {
        QueryStringDecoder uri = new QueryStringDecoder(msg.uri());
        Map<String, String> query = new HashMap<>();
        uri.parameters().forEach((k, v) -> {
            if (!v.isEmpty()) query.put(k, v.get(0));
        });
        Map<String, String> headers = new HashMap<>();
        msg.headers().forEach(h -> headers.putIfAbsent(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
        Map<String, String> cookies = new HashMap<>();
        String cookieHeader = msg.headers().get(HttpHeaderNames.COOKIE);
        if (cookieHeader != null) {
            for (Cookie c : ServerCookieDecoder.STRICT.decode(cookieHeader)) cookies.putIfAbsent(c.name(), c.value());
        }
        byte[] body = new byte[msg.content().readableBytes()];
        msg.content().getBytes(msg.content().readerIndex(), body);
        boolean secure = ctx.pipeline().get(SslHandler.class) != null;
        String method = msg.method().name();
        return new Request(
                method,
                uri.path(),
                query,
                headers,
                cookies,
                body,
                (InetSocketAddress) ctx.channel().remoteAddress(),
                secure);
    }

    private static void write(ChannelHandlerContext ctx, Response r, boolean keepAlive, boolean head) {
        FullHttpResponse res = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(r.status()),
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(r.body()));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
        SECURITY_HEADERS.forEach(res.headers()::set);
        if (!r.headers().containsKey("Cache-Control")) res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        r.headers().forEach(res.headers()::set);
        if (keepAlive) res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        var future = ctx.writeAndFlush(res);
        if (!keepAlive) future.addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("HTTP connection from {} closed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
