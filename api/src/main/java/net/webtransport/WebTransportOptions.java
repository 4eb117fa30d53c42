package net.webtransport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * <a href="https://w3c.github.io/webtransport/#dictdef-webtransportoptions">WebTransportOptions</a>,
 * immutable, built with {@link #builder()}. Setters check what WebIDL's conversions check (an
 * {@code [EnforceRange] unsigned short} out of range is a {@link TypeError}); the rules that look at
 * several members together (pooling with certificate hashes, the protocol list, forbidden headers)
 * are the constructor's, as in the spec, and raise there.
 *
 * <pre>{@code
 * WebTransportOptions options = WebTransportOptions.builder()
 *         .protocols(List.of("chat-v2", "chat-v1"))
 *         .header("authorization", "Bearer ...")
 *         .build();
 * WebTransport wt = new WebTransport("https://example.com/chat", options);
 * }</pre>
 */
public final class WebTransportOptions {
    /** All defaults. */
    public static final WebTransportOptions DEFAULT = builder().build();

    private final boolean allowPooling;
    private final boolean requireUnreliable;
    private final List<Map.Entry<String, String>> headers;
    private final List<WebTransportHash> serverCertificateHashes;
    private final WebTransportCongestionControl congestionControl;
    private final Integer anticipatedUni;
    private final Integer anticipatedBidi;
    private final List<String> protocols;
    private final String datagramsReadableType;

    private WebTransportOptions(Builder b) {
        allowPooling = b.allowPooling;
        requireUnreliable = b.requireUnreliable;
        headers = List.copyOf(b.headers);
        serverCertificateHashes = List.copyOf(b.serverCertificateHashes);
        congestionControl = b.congestionControl;
        anticipatedUni = b.anticipatedUni;
        anticipatedBidi = b.anticipatedBidi;
        protocols = List.copyOf(b.protocols);
        datagramsReadableType = b.datagramsReadableType;
    }

    /**
     * A builder holding the defaults: no pooling, no headers, no certificate hashes, no protocols,
     * congestion control {@code "default"}, no stream-count hints, the default datagram readable.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether the session may share its QUIC connection with other sessions to the same server (W3C {@code allowPooling}, default false). With false it gets a connection of its own.
     *
     * @return whether pooling is allowed
     */
    public boolean allowPooling() {
        return allowPooling;
    }

    /**
     * Whether the session must support unreliable datagrams (W3C {@code requireUnreliable}, default false). This implementation speaks HTTP/3 only, where datagrams are always available, so the option changes nothing.
     *
     * @return whether unreliable transport is required
     */
    public boolean requireUnreliable() {
        return requireUnreliable;
    }

    /**
     * The request headers to add to the CONNECT request, in order (W3C {@code headers}, a HeadersInit as a sequence of pairs). They are checked, and forbidden ones dropped, by the {@link WebTransport} constructor.
     *
     * @return an unmodifiable list of name/value pairs
     */
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    /**
     * Hashes of server certificates to accept instead of the usual Web PKI validation (W3C {@code serverCertificateHashes}); only with {@code allowPooling} false.
     *
     * @return an unmodifiable list, empty for the usual validation
     */
    public List<WebTransportHash> serverCertificateHashes() {
        return serverCertificateHashes;
    }

    /**
     * The congestion-control profile asked for (W3C {@code congestionControl}, default {@code "default"}); a hint this implementation does not act on.
     *
     * @return the profile asked for
     */
    public WebTransportCongestionControl congestionControl() {
        return congestionControl;
    }

    /**
     * How many unidirectional streams the application expects the server to have open at once (W3C {@code anticipatedConcurrentIncomingUnidirectionalStreams}); a hint.
     *
     * @return the hint, 0 to 65535, or null for none
     */
    public Integer anticipatedConcurrentIncomingUnidirectionalStreams() {
        return anticipatedUni;
    }

    /**
     * How many bidirectional streams the application expects the server to have open at once (W3C {@code anticipatedConcurrentIncomingBidirectionalStreams}); a hint.
     *
     * @return the hint, 0 to 65535, or null for none
     */
    public Integer anticipatedConcurrentIncomingBidirectionalStreams() {
        return anticipatedBidi;
    }

    /**
     * The application protocols to offer the server, in order of preference (W3C {@code protocols}, sent as {@code WT-Available-Protocols}); the server picks one, which {@link WebTransport#protocol()} then gives.
     *
     * @return an unmodifiable list, empty for none
     */
    public List<String> protocols() {
        return protocols;
    }

    /**
     * The kind of readable stream for incoming datagrams (W3C {@code datagramsReadableType}).
     *
     * @return {@code "bytes"} for a {@link net.webtransport.streams.ReadableByteStream} of datagrams, or null for the default readable stream
     */
    public String datagramsReadableType() {
        return datagramsReadableType;
    }

    /** Collects {@link WebTransportOptions}. */
    public static final class Builder {
        private boolean allowPooling;
        private boolean requireUnreliable;
        private final List<Map.Entry<String, String>> headers = new ArrayList<>();
        private final List<WebTransportHash> serverCertificateHashes = new ArrayList<>();
        private WebTransportCongestionControl congestionControl = WebTransportCongestionControl.DEFAULT;
        private Integer anticipatedUni;
        private Integer anticipatedBidi;
        private final List<String> protocols = new ArrayList<>();
        private String datagramsReadableType;

        private Builder() {
        }

        /**
         * Sets {@code allowPooling} (see {@link WebTransportOptions#allowPooling()}).
         *
         * @param allow whether the session may share its connection
         * @return this builder
         */
        public Builder allowPooling(boolean allow) {
            this.allowPooling = allow;
            return this;
        }

        /**
         * Sets {@code requireUnreliable} (see {@link WebTransportOptions#requireUnreliable()}).
         *
         * @param require whether unreliable datagrams are required
         * @return this builder
         */
        public Builder requireUnreliable(boolean require) {
            this.requireUnreliable = require;
            return this;
        }

        /**
         * Adds a request header (see {@link WebTransportOptions#headers()}); names are case-insensitive
         * and the same name may be added more than once.
         *
         * @param name  the header name
         * @param value the header value
         * @return this builder
         * @throws NullPointerException if {@code name} or {@code value} is null
         */
        public Builder header(String name, String value) {
            headers.add(Map.entry(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value")));
            return this;
        }

        /**
         * Replaces the server certificate hashes (see {@link WebTransportOptions#serverCertificateHashes()}).
         *
         * @param hashes the hashes to accept
         * @return this builder
         * @throws NullPointerException if {@code hashes} is null (a null element fails {@link #build()} instead)
         */
        public Builder serverCertificateHashes(List<WebTransportHash> hashes) {
            serverCertificateHashes.clear();
            serverCertificateHashes.addAll(hashes);
            return this;
        }

        /**
         * Sets the congestion-control hint (see {@link WebTransportOptions#congestionControl()}).
         *
         * @param control the profile to ask for
         * @return this builder
         * @throws NullPointerException if {@code control} is null
         */
        public Builder congestionControl(WebTransportCongestionControl control) {
            this.congestionControl = Objects.requireNonNull(control, "congestionControl");
            return this;
        }

        /**
         * Sets the unidirectional stream-count hint (see
         * {@link WebTransportOptions#anticipatedConcurrentIncomingUnidirectionalStreams()}).
         *
         * @param streams the hint, or null for none
         * @return this builder
         * @throws TypeError unless null or 0 to 65535 ({@code [EnforceRange] unsigned short?})
         */
        public Builder anticipatedConcurrentIncomingUnidirectionalStreams(Integer streams) {
            this.anticipatedUni = enforceUnsignedShort(streams);
            return this;
        }

        /**
         * Sets the bidirectional stream-count hint (see
         * {@link WebTransportOptions#anticipatedConcurrentIncomingBidirectionalStreams()}).
         *
         * @param streams the hint, or null for none
         * @return this builder
         * @throws TypeError unless null or 0 to 65535 ({@code [EnforceRange] unsigned short?})
         */
        public Builder anticipatedConcurrentIncomingBidirectionalStreams(Integer streams) {
            this.anticipatedBidi = enforceUnsignedShort(streams);
            return this;
        }

        /**
         * Replaces the protocols to offer (see {@link WebTransportOptions#protocols()}); they are checked by the {@link WebTransport} constructor.
         *
         * @param protocols the protocols, most preferred first
         * @return this builder
         * @throws NullPointerException if {@code protocols} is null (a null element fails {@link #build()} instead)
         */
        public Builder protocols(List<String> protocols) {
            this.protocols.clear();
            this.protocols.addAll(protocols);
            return this;
        }

        /**
         * Sets the kind of datagram readable (see {@link WebTransportOptions#datagramsReadableType()}).
         *
         * @param type {@code "bytes"}, or null for the default readable stream
         * @return this builder
         * @throws TypeError unless null or {@code "bytes"}, the one ReadableStreamType
         */
        public Builder datagramsReadableType(String type) {
            if (type != null && !type.equals("bytes")) {
                throw new TypeError("datagramsReadableType must be \"bytes\", not \"" + type + "\"");
            }
            this.datagramsReadableType = type;
            return this;
        }

        /**
         * Builds the options from what was set; the builder may be used again afterwards.
         *
         * @return immutable options
         * @throws NullPointerException if a header, certificate hash or protocol is null
         */
        public WebTransportOptions build() {
            return new WebTransportOptions(this);
        }

        static Integer enforceUnsignedShort(Integer value) {
            if (value != null && (value < 0 || value > 65535)) {
                throw new TypeError("the value must be 0 to 65535, not " + value);
            }
            return value;
        }
    }
}
