package net.webtransport.internal.wire;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.greenbytes.http.sfv.Item;
import org.greenbytes.http.sfv.ListElement;
import org.greenbytes.http.sfv.OuterList;
import org.greenbytes.http.sfv.Parser;
import org.greenbytes.http.sfv.StringItem;

/**
 * Application protocol negotiation (draft-ietf-webtrans-http3 §3.3): the client offers protocols in
 * {@code WT-Available-Protocols}, a Structured Fields List of Strings in order of preference
 * (RFC 8941 §3.1); the server names its choice in {@code WT-Protocol}, a Structured Fields Item that
 * is a String. Parameters on either are allowed and ignored. A field that does not parse, or holds
 * anything but Strings, is treated as absent.
 */
public final class Subprotocols {
    /** The request field with the client's offer (lowercase, as HTTP/3 carries field names). */
    public static final String AVAILABLE_PROTOCOLS = "wt-available-protocols";
    /** The response field with the server's choice. */
    public static final String PROTOCOL = "wt-protocol";
    /** The longest protocol the W3C API lets a page offer. */
    public static final int MAX_LENGTH = 512;

    private Subprotocols() {
    }

    /**
     * Checks a client's offer: every protocol 1 to 512 characters, each printable ASCII (what an
     * SF String can carry), no protocol twice.
     *
     * @throws IllegalArgumentException naming the first problem
     */
    public static void checkOffer(List<String> protocols) {
        Set<String> seen = new HashSet<>();
        for (String p : protocols) {
            checkProtocol(p);
            if (!seen.add(p)) {
                throw new IllegalArgumentException("the protocol \"" + p + "\" is offered twice");
            }
        }
    }

    /** @throws IllegalArgumentException if {@code protocol} cannot be offered or chosen */
    public static void checkProtocol(String protocol) {
        if (protocol == null || protocol.isEmpty()) {
            throw new IllegalArgumentException("a protocol must not be empty");
        }
        if (protocol.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a protocol has at most " + MAX_LENGTH + " characters, not " + protocol.length());
        }
        for (int i = 0; i < protocol.length(); i++) {
            char c = protocol.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("a protocol holds printable ASCII only; character " + i
                        + " is U+" + String.format("%04X", (int) c));
            }
        }
    }

    /** The {@code WT-Available-Protocols} value offering {@code protocols} (checked by {@link #checkOffer}). */
    public static String offerField(List<String> protocols) {
        checkOffer(protocols);
        List<ListElement<?>> items = new ArrayList<>();
        for (String p : protocols) {
            items.add(StringItem.valueOf(p));
        }
        return OuterList.valueOf(items).serialize();
    }

    /** The {@code WT-Protocol} value naming {@code protocol} (checked by {@link #checkProtocol}). */
    public static String choiceField(String protocol) {
        checkProtocol(protocol);
        return StringItem.valueOf(protocol).serialize();
    }

    /**
     * The protocols a client offered, from every line of its {@code WT-Available-Protocols} field
     * (RFC 8941 §4.2 joins them); empty if the field is absent, does not parse, or holds a member
     * that is not a String.
     */
    public static List<String> parseOffer(List<String> fieldLines) {
        if (fieldLines.isEmpty()) {
            return List.of();
        }
        OuterList list;
        try {
            list = new Parser(fieldLines).parseList();
        } catch (IllegalArgumentException e) { // the library's ParseException is one
            return List.of();
        }
        List<String> offered = new ArrayList<>();
        for (ListElement<?> member : list.get()) {
            if (!(member instanceof StringItem s)) {
                return List.of();
            }
            offered.add(s.get());
        }
        return List.copyOf(offered);
    }

    /**
     * The protocol a server chose, from its {@code WT-Protocol} field; empty if the field is
     * absent, has more than one line, does not parse or is not a String.
     */
    public static Optional<String> parseChoice(List<String> fieldLines) {
        if (fieldLines.size() != 1) {
            return Optional.empty();
        }
        try {
            Item<?> item = Parser.parseItem(fieldLines.get(0));
            return item instanceof StringItem s ? Optional.of(s.get()) : Optional.empty();
        } catch (IllegalArgumentException e) { // the library's ParseException is one
            return Optional.empty();
        }
    }

    /**
     * The outcome of a negotiation as the W3C API reports it: the server's choice if it is one of
     * the protocols offered, otherwise the empty string (a choice the client never offered, or a
     * malformed one, is ignored).
     */
    public static String negotiated(List<String> offered, List<String> choiceLines) {
        if (offered.isEmpty()) {
            return "";
        }
        return parseChoice(choiceLines).filter(offered::contains).orElse("");
    }
}
