package net.webtransport.wpt.handlers;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;

/** Small pieces the handlers share. */
final class Streams {
    private Streams() {
    }

    /** {@code text} as ASCII bytes (every handler reply is ASCII). */
    static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** The failure itself, without the CompletionException a dependent stage may wrap it in. */
    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static final Pattern PY_INT = Pattern.compile("[+-]?[0-9]+(_[0-9]+)*");

    /**
     * A query value read as Python's {@code int()} reads it (surrounding blanks ignored, a sign and
     * single underscores between digits allowed), or null where {@code int()} would raise (or the
     * value does not fit a long). Upstream's handlers raise there, and the exception only ends that
     * callback; callers do the same by doing nothing.
     */
    static Long pyInt(String value) {
        if (value == null) {
            return null;
        }
        String s = value.strip();
        if (!PY_INT.matcher(s).matches()) {
            return null;
        }
        try {
            return Long.parseLong(s.replace("_", ""));
        } catch (NumberFormatException tooBig) {
            return null;
        }
    }
}
