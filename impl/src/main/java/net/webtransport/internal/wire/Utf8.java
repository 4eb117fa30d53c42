package net.webtransport.internal.wire;

/**
 * UTF-8 length arithmetic on Java strings, without encoding them. A lone (unpaired) surrogate is
 * counted as U+FFFD (3 bytes), the character it is replaced with before encoding, as WebIDL's
 * USVString conversion does for the W3C API's close reason.
 */
final class Utf8 {

    private static final char REPLACEMENT = '\uFFFD';

    private Utf8() {
    }

    /** Number of UTF-8 bytes {@code s} encodes to once lone surrogates are replaced. */
    static int encodedLength(CharSequence s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); ) {
            int chars = charsAt(s, i);
            bytes += bytesAt(s, i, chars);
            i += chars;
        }
        return bytes;
    }

    /** Longest prefix of {@code s} whose encoding fits {@code maxBytes}, cut between characters. */
    static String truncate(String s, int maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("negative byte budget: " + maxBytes);
        }
        int bytes = 0;
        for (int i = 0; i < s.length(); ) {
            int chars = charsAt(s, i);
            bytes += bytesAt(s, i, chars);
            if (bytes > maxBytes) {
                return s.substring(0, i);
            }
            i += chars;
        }
        return s;
    }

    /** {@code s} with every unpaired surrogate replaced by U+FFFD (the same string if none). */
    static String replaceLoneSurrogates(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); ) {
            int chars = charsAt(s, i);
            boolean lone = chars == 1 && Character.isSurrogate(s.charAt(i));
            if (lone && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (out != null) {
                if (lone) {
                    out.append(REPLACEMENT);
                } else {
                    out.append(s, i, i + chars);
                }
            }
            i += chars;
        }
        return out == null ? s : out.toString();
    }

    /** 2 for a well-formed surrogate pair starting at {@code i}, else 1. */
    private static int charsAt(CharSequence s, int i) {
        return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(i + 1)) ? 2 : 1;
    }

    private static int bytesAt(CharSequence s, int i, int chars) {
        if (chars == 2) {
            return 4; // supplementary code point
        }
        char c = s.charAt(i);
        if (c < 0x80) {
            return 1;
        }
        if (c < 0x800) {
            return 2;
        }
        return 3; // rest of the BMP, including a lone surrogate counted as U+FFFD
    }
}
