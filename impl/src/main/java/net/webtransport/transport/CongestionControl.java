package net.webtransport.transport;

/** The QUIC congestion control algorithms an endpoint can use (quiche's). */
public enum CongestionControl {
    /** CUBIC (RFC 9438): loss-based; quiche's default. */
    CUBIC,
    /** NewReno (RFC 9002 §7): loss-based, the most conservative. */
    RENO,
    /** BBR: model-based, keeps its rate through random loss that would throttle a loss-based algorithm. */
    BBR
}
