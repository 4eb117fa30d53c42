package net.webtransport.internal.session;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.webtransport.transport.HttpFields;

/**
 * Two session layers, a client and a server, wired together in memory: each command one side emits
 * on a CONNECT stream becomes the matching input on the other side. Commands on WebTransport
 * streams and connection closes are recorded for the test to inspect, not delivered.
 */
final class WtPair {
    final WtConnection client;
    final WtConnection server;
    final List<Command> clientStreamCommands = new ArrayList<>();
    final List<Command> serverStreamCommands = new ArrayList<>();
    final List<SessionEvent> clientEvents = new ArrayList<>();
    final List<SessionEvent> serverEvents = new ArrayList<>();

    WtPair() {
        this(WtConfig.DEFAULT);
    }

    WtPair(WtConfig config) {
        this(config, config);
    }

    WtPair(WtConfig clientConfig, WtConfig serverConfig) {
        client = new WtConnection(Role.CLIENT, clientConfig);
        server = new WtConnection(Role.SERVER, serverConfig);
    }

    /** Both sides receive each other's SETTINGS. */
    WtPair negotiated() {
        server.onPeerSettings(client.localSettings());
        client.onPeerSettings(server.localSettings());
        pump();
        return this;
    }

    /** Opens a session on {@code streamId} and lets the server accept it with 200. */
    long establish(long streamId) {
        client.openSession(streamId, "example.org:443", "/wt", HttpFields.of("origin", "https://example.org"));
        pump();
        server.respond(streamId, 200, HttpFields.empty());
        pump();
        return streamId;
    }

    /** Delivers commands until both sides are quiet; events are collected. */
    void pump() {
        boolean progress = true;
        while (progress) {
            progress = deliver(client, server, clientStreamCommands) | deliver(server, client, serverStreamCommands);
            SessionEvent e;
            while ((e = client.pollEvent()) != null) {
                clientEvents.add(e);
            }
            while ((e = server.pollEvent()) != null) {
                serverEvents.add(e);
            }
        }
    }

    private static boolean deliver(WtConnection from, WtConnection to, List<Command> streamCommands) {
        boolean any = false;
        Command c;
        while ((c = from.pollCommand()) != null) {
            any = true;
            switch (c) {
                case Command.SendHeaders h -> {
                    if (to.role() == Role.SERVER) {
                        to.onRequestHeaders(h.streamId(), h.fields());
                    } else {
                        to.onResponseHeaders(h.streamId(), h.fields());
                    }
                    if (h.fin()) {
                        to.onConnectStreamFin(h.streamId());
                    }
                }
                case Command.SendCapsule s -> {
                    to.onCapsuleData(s.streamId(), s.bytes().duplicate());
                    if (s.fin()) {
                        to.onConnectStreamFin(s.streamId());
                    }
                }
                case Command.FinishStream f -> {
                    if (isConnectStream(f.streamId())) {
                        to.onConnectStreamFin(f.streamId());
                    } else {
                        streamCommands.add(c);
                    }
                }
                case Command.ResetStream r -> {
                    if (isConnectStream(r.streamId())) {
                        to.onConnectStreamReset(r.streamId(), r.http3ErrorCode());
                    }
                    streamCommands.add(c);
                }
                default -> streamCommands.add(c);
            }
        }
        return any;
    }

    /** In these tests sessions use stream ids 0, 4, 8...; WebTransport streams use other ids. */
    private static boolean isConnectStream(long id) {
        return id < 100;
    }

    <T extends SessionEvent> List<T> events(List<SessionEvent> from, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (SessionEvent e : from) {
            if (type.isInstance(e)) {
                out.add(type.cast(e));
            }
        }
        return out;
    }

    static ByteBuffer bytes(int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length);
        for (int v : values) {
            b.put((byte) v);
        }
        return b.flip();
    }
}
