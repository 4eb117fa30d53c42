package net.webtransport.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dependency arrows of the layering, checked on the sources: {@code server}/{@code client} →
 * {@code internal.netty} → {@code internal.session} → {@code internal.stream} / {@code internal.wire};
 * the session and stream layers read no clock and touch no network library.
 */
class LayeringTest {
    static final Path MAIN = Path.of("src/main/java/net/webtransport");

    /** Lines under {@code pkg} that contain a forbidden text; a missing folder fails the test. */
    static List<String> violations(String pkg, List<String> forbidden) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN.resolve(pkg))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    for (String bad : forbidden) {
                        if (lines.get(i).contains(bad)) {
                            found.add(f.getFileName() + ":" + (i + 1) + " uses " + bad);
                        }
                    }
                }
            }
        }
        return found;
    }

    @Test
    void theWireLayerDependsOnNothingElseInTheProject() throws IOException {
        assertEquals(List.of(), violations("internal/wire",
                List.of("import net.webtransport.", "import io.netty.")));
    }

    @Test
    void theSessionLayerDoesNoIoAndReadsNoClock() throws IOException {
        assertEquals(List.of(), violations("internal/session", List.of(
                "import io.netty.", "import net.webtransport.internal.netty", "import net.webtransport.server",
                "import net.webtransport.client", "System.nanoTime", "System.currentTimeMillis", "Instant.now",
                "java.net.", "java.nio.channels", "new Thread")));
    }

    @Test
    void theStreamLayerDoesNoIoReadsNoClockAndDependsOnNothingElse() throws IOException {
        assertEquals(List.of(), violations("internal/stream", List.of(
                "import io.netty.", "import net.webtransport.", "System.nanoTime", "System.currentTimeMillis",
                "Instant.now", "java.net.", "java.nio.channels", "new Thread", "java.util.concurrent")));
    }

    @Test
    void theNettyBindingDoesNotReachUpIntoThePublicFacades() throws IOException {
        assertEquals(List.of(), violations("internal/netty",
                List.of("import net.webtransport.server", "import net.webtransport.client")));
    }

    @Test
    void theSharedTransportTypesDependOnNoImplementation() throws IOException {
        assertEquals(List.of(), violations("transport",
                List.of("import net.webtransport.internal", "import io.netty.")));
    }
}
