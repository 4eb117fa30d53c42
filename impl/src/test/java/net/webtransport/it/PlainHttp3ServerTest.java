package net.webtransport.it;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.http3.Http3;
import io.netty.handler.codec.http3.Http3ServerConnectionHandler;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import net.webtransport.client.WebTransportClient;
import net.webtransport.server.ServerCertificate;
import net.webtransport.transport.SessionHandler;
import net.webtransport.transport.WebTransportException;
import org.junit.jupiter.api.Test;

class PlainHttp3ServerTest {

    @Test
    void aClientRefusesAnHttp3ServerWhoseSettingsDoNotOfferWebTransport() throws Exception {
        ServerCertificate cert = ServerCertificate.selfSignedForLocalhost();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (WebTransportClient client = WebTransportClient.builder().trust(cert.leaf()).build()) {
            // A plain HTTP/3 server: Netty's default SETTINGS, no extended CONNECT, no WebTransport.
            Channel server = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                    .handler(Http3.newQuicServerCodecBuilder()
                            .sslContext(QuicSslContextBuilder.forServer(cert.privateKey(), null, cert.chain())
                                    .applicationProtocols("h3").build())
                            .maxIdleTimeout(5, TimeUnit.SECONDS)
                            .initialMaxData(1 << 20).initialMaxStreamDataBidirectionalRemote(1 << 16)
                            .initialMaxStreamsBidirectional(10)
                            .handler(new ChannelInitializer<QuicChannel>() {
                                @Override
                                protected void initChannel(QuicChannel ch) {
                                    ch.pipeline().addLast(new Http3ServerConnectionHandler(new ChannelInboundHandlerAdapter()));
                                }
                            }).build())
                    .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            int port = ((InetSocketAddress) server.localAddress()).getPort();
            ExecutionException e = assertThrows(ExecutionException.class, () -> client.connect(
                    URI.create("https://localhost:" + port + "/"), new SessionHandler() { }).get(10, TimeUnit.SECONDS));
            WebTransportException cause = assertInstanceOf(WebTransportException.class, e.getCause());
            assertTrue(cause.getMessage().contains("does not support WebTransport"), cause.getMessage());
            server.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
