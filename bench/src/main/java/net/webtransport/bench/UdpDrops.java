package net.webtransport.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The kernel's count of UDP datagrams dropped because a socket's receive buffer was full
 * ({@code RcvbufErrors} in {@code /proc/net/snmp}): on loopback the only loss there is, and what
 * makes QUIC's congestion control back off while the CPU is not saturated.
 */
final class UdpDrops {
    private UdpDrops() {
    }

    /** The count so far, or -1 where the kernel does not say. */
    static long total() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/snmp"));
            for (int i = 0; i + 1 < lines.size(); i++) {
                if (lines.get(i).startsWith("Udp:") && lines.get(i + 1).startsWith("Udp:")) {
                    List<String> names = List.of(lines.get(i).split(" "));
                    String[] values = lines.get(i + 1).split(" ");
                    int at = names.indexOf("RcvbufErrors");
                    return at < 0 ? -1 : Long.parseLong(values[at]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
