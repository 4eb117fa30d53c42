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

    public static Builder builder() {
        return new Builder();
    }

    public boolean allowPooling() {
        return allowPooling;
    }

    public boolean requireUnreliable() {
        return requireUnreliable;
    }

    /** The request headers to add, in order (HeadersInit as a sequence of pairs). */
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    public List<WebTransportHash> serverCertificateHashes() {
        return serverCertificateHashes;
    }

    public WebTransportCongestionControl congestionControl() {
        return congestionControl;
    }

    /** {@code anticipatedConcurrentIncomingUnidirectionalStreams}, or null. */
    public Integer anticipatedConcurrentIncomingUnidirectionalStreams() {
        return anticipatedUni;
    }

    /** {@code anticipatedConcurrentIncomingBidirectionalStreams}, or null. */
    public Integer anticipatedConcurrentIncomingBidirectionalStreams() {
        return anticipatedBidi;
    }

    public List<String> protocols() {
        return protocols;
    }

    /** {@code "bytes"} for a byte stream of datagrams, or null for the default stream. */
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

        public Builder allowPooling(boolean allow) {
            this.allowPooling = allow;
            return this;
        }

        public Builder requireUnreliable(boolean require) {
            this.requireUnreliable = require;
            return this;
        }

        /** Adds a request header (HeadersInit); names are case-insensitive. */
        public Builder header(String name, String value) {
            headers.add(Map.entry(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value")));
            return this;
        }

        public Builder serverCertificateHashes(List<WebTransportHash> hashes) {
            serverCertificateHashes.clear();
            serverCertificateHashes.addAll(hashes);
            return this;
        }

        public Builder congestionControl(WebTransportCongestionControl control) {
            this.congestionControl = Objects.requireNonNull(control, "congestionControl");
            return this;
        }

        /** @throws TypeError unless null or 0 to 65535 ({@code [EnforceRange] unsigned short?}) */
        public Builder anticipatedConcurrentIncomingUnidirectionalStreams(Integer streams) {
            this.anticipatedUni = enforceUnsignedShort(streams);
            return this;
        }

        /** @throws TypeError unless null or 0 to 65535 ({@code [EnforceRange] unsigned short?}) */
        public Builder anticipatedConcurrentIncomingBidirectionalStreams(Integer streams) {
            this.anticipatedBidi = enforceUnsignedShort(streams);
            return this;
        }

        public Builder protocols(List<String> protocols) {
            this.protocols.clear();
            this.protocols.addAll(protocols);
            return this;
        }

        /** @throws TypeError unless null or {@code "bytes"}, the one ReadableStreamType */
        public Builder datagramsReadableType(String type) {
            if (type != null && !type.equals("bytes")) {
                throw new TypeError("datagramsReadableType must be \"bytes\", not \"" + type + "\"");
            }
            this.datagramsReadableType = type;
            return this;
        }

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
