package net.webtransport.wpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code wpt-runner serve} as a user runs it: a process of its own that prints its port and hashes,
 * serves a real Chromium (when installed, as {@code .ci/run} ensures) the echo handler, and stops
 * cleanly on a termination signal, as on Ctrl-C.
 */
class ServeTest {
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final Path NODE_PACKAGES = Path.of("../interop/chromium/node_modules/playwright-core");

    @Test
    void servePrintsItsPortAndHashesServesChromiumTheEchoHandlerAndStopsOnASignal() throws Exception {
        Process serve = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), WptRunner.class.getName(), "serve", "--cert-days", "3")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            Map<String, String> printed = readDescription(serve);
            int port = Integer.parseInt(printed.get("port"));
            assertTrue(port > 0 && port < 65536);
            assertTrue(printed.get("cert-sha256-hex").matches("[0-9a-f]{64}"), printed.toString());
            assertEquals(44, printed.get("cert-sha256-base64").length());
            assertEquals(44, printed.get("spki-sha256-base64").length());

            boolean browser = Files.isExecutable(CHROMIUM) && Files.isDirectory(NODE_PACKAGES);
            if (browser) {
                String json = runEchoPage("https://127.0.0.1:" + port, printed.get("cert-sha256-base64"));
                assertTrue(json.contains("\"ready\":true"), json);
                assertTrue(json.contains("\"bidi\":\"bidi through wpt-runner\""), json);
                assertTrue(json.contains("\"uni\":\"uni through wpt-runner\""), json);
                assertTrue(json.contains("\"datagram\":\"datagram through wpt-runner\""), json);
            } else {
                assertTrue(!"required".equals(System.getenv("WEBTRANSPORT_BROWSER_TESTS")),
                        "needs " + CHROMIUM + " and `npm ci` in interop/chromium (.ci/run installs both)");
            }
        } finally {
            serve.destroy(); // SIGTERM: the shutdown hook closes the server, as on Ctrl-C
            assertTrue(serve.waitFor(15, TimeUnit.SECONDS), "serve stops on a termination signal");
        }
    }

    /** The four "name value" lines serve prints first. */
    private static Map<String, String> readDescription(Process serve) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
        Map<String, String> printed = new HashMap<>();
        while (printed.size() < 4) {
            String line = out.readLine();
            if (line == null) {
                throw new AssertionError("serve ended early; it printed " + printed);
            }
            int space = line.indexOf(' ');
            printed.put(line.substring(0, space), line.substring(space + 1));
        }
        return printed;
    }

    private static String runEchoPage(String base, String hash) throws Exception {
        Process node = new ProcessBuilder("node", "../interop/chromium/wpt-echo.mjs", base, hash)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(node.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, node.exitValue(), out);
        return out.strip();
    }
}
