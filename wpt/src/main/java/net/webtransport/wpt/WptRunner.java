package net.webtransport.wpt;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar wpt-runner.jar serve [--port N] [--host H] [--cert-days D] [--cert-out FILE]}:
 * starts the WPT WebTransport server, prints its port and certificate hashes on lines of their own,
 * and runs until interrupted (Ctrl-C stops it cleanly).
 */
public final class WptRunner {
    private WptRunner() {
    }

    static final String USAGE = "usage: wpt-runner serve [--port N] [--host H] [--cert-days D] [--cert-out FILE]";

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !args[0].equals("serve")) {
            System.err.println(USAGE);
            System.exit(2);
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        WptServer server = WptServer.start(options.port, options.host, options.certDays, Handlers.all());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "wpt-runner-shutdown"));
        if (options.certOut != null) {
            writePem(server, options.certOut);
        }
        describe(server, System.out);
        System.out.flush();
        stopped.await();
    }

    /** The lines {@code serve} prints: port, certificate SHA-256 in hex and base64, SPKI SHA-256 in base64. */
    static void describe(WptServer server, PrintStream out) {
        byte[] hash = server.certificate().sha256();
        out.println("port " + server.port());
        out.println("cert-sha256-hex " + HexFormat.of().formatHex(hash));
        out.println("cert-sha256-base64 " + Base64.getEncoder().encodeToString(hash));
        out.println("spki-sha256-base64 " + Base64.getEncoder().encodeToString(server.spkiSha256()));
    }

    static void writePem(WptServer server, Path file) throws IOException {
        try {
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(server.certificate().leaf().getEncoded());
            Files.writeString(file, "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n");
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IOException("could not encode the certificate", e);
        }
    }

    /** The command line of {@code serve}. */
    record Options(int port, InetAddress host, int certDays, Path certOut) {
        static Options parse(String[] args) {
            int port = 0;
            InetAddress host = null;
            int certDays = 10;
            Path certOut = null;
            for (int i = 1; i < args.length; i++) {
                String name = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                String value = args[++i];
                try {
                    switch (name) {
                        case "--port" -> port = Integer.parseInt(value);
                        case "--host" -> host = InetAddress.getByName(value);
                        case "--cert-days" -> certDays = Integer.parseInt(value);
                        case "--cert-out" -> certOut = Path.of(value);
                        default -> throw new IllegalArgumentException("unknown option " + name);
                    }
                } catch (NumberFormatException | java.net.UnknownHostException e) {
                    throw new IllegalArgumentException("bad value for " + name + ": " + value);
                }
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("--port must be 0 to 65535");
            }
            if (certDays < 1 || certDays > WptServer.MAX_CERT_DAYS) {
                throw new IllegalArgumentException("--cert-days must be 1 to 14");
            }
            return new Options(port, host, certDays, certOut);
        }
    }
}
