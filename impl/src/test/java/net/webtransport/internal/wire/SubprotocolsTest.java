package net.webtransport.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** WT-Available-Protocols and WT-Protocol as RFC 8941 Structured Fields (draft-ietf-webtrans-http3 §3.3). */
class SubprotocolsTest {

    @Test
    void anOfferIsAListOfStringsInPreferenceOrder() {
        assertEquals("\"a\", \"b\", \"c\"", Subprotocols.offerField(List.of("a", "b", "c")));
    }

    @Test
    void quotesAndBackslashesAreEscapedAndComeBackUnchanged() {
        String odd = "say \"hi\" \\ bye";
        String field = Subprotocols.offerField(List.of(odd, "x"));
        assertEquals("\"say \\\"hi\\\" \\\\ bye\", \"x\"", field);
        assertEquals(List.of(odd, "x"), Subprotocols.parseOffer(List.of(field)));
        assertEquals(Optional.of(odd), Subprotocols.parseChoice(List.of(Subprotocols.choiceField(odd))));
    }

    @Test
    void whitespaceAroundMembersIsAllowed() {
        assertEquals(List.of("a", "b"), Subprotocols.parseOffer(List.of("  \"a\"  ,\t\"b\"")));
    }

    @Test
    void severalFieldLinesFormOneList() {
        assertEquals(List.of("a", "b", "c"), Subprotocols.parseOffer(List.of("\"a\"", "\"b\", \"c\"")));
    }

    @Test
    void parametersAreIgnored() {
        assertEquals(List.of("a", "b"), Subprotocols.parseOffer(List.of("\"a\";q=1, \"b\";x")));
        assertEquals(Optional.of("b"), Subprotocols.parseChoice(List.of("\"b\"; a=c; c=2")));
    }

    @Test
    void anOfferWithAMemberThatIsNotAStringIsIgnoredWhole() {
        assertEquals(List.of(), Subprotocols.parseOffer(List.of("\"a\", b")));          // a token
        assertEquals(List.of(), Subprotocols.parseOffer(List.of("\"a\", (\"b\" \"c\")"))); // an inner list
        assertEquals(List.of(), Subprotocols.parseOffer(List.of("\"a\", 7")));         // an integer
    }

    @Test
    void anOfferThatDoesNotParseIsIgnored() {
        assertEquals(List.of(), Subprotocols.parseOffer(List.of("\"a")));        // unterminated
        assertEquals(List.of(), Subprotocols.parseOffer(List.of("\"a\",")));     // trailing comma
        assertEquals(List.of(), Subprotocols.parseOffer(List.of("\"\u00e9\""))); // not ASCII
        assertEquals(List.of(), Subprotocols.parseOffer(List.of("\"a\\q\"")));   // bad escape
        assertEquals(List.of(), Subprotocols.parseOffer(List.of()));
    }

    @Test
    void aChoiceMustBeOneString() {
        assertEquals(Optional.empty(), Subprotocols.parseChoice(List.of("b")));               // a token
        assertEquals(Optional.empty(), Subprotocols.parseChoice(List.of("\"a\", \"b\"")));    // a list
        assertEquals(Optional.empty(), Subprotocols.parseChoice(List.of("\"a\"", "\"b\""))); // two lines
        assertEquals(Optional.empty(), Subprotocols.parseChoice(List.of("\"b")));
        assertEquals(Optional.empty(), Subprotocols.parseChoice(List.of()));
    }

    @Test
    void theNegotiatedProtocolIsTheChoiceOnlyIfItWasOffered() {
        List<String> offered = List.of("a", "b", "c");
        assertEquals("b", Subprotocols.negotiated(offered, List.of("\"b\"")));
        assertEquals("", Subprotocols.negotiated(offered, List.of("\"d\"")));
        assertEquals("", Subprotocols.negotiated(offered, List.of("b")));
        assertEquals("", Subprotocols.negotiated(offered, List.of()));
        assertEquals("", Subprotocols.negotiated(List.of(), List.of("\"d\"")));
    }

    @Test
    void anOfferIsRefusedWhenAProtocolIsEmptyTooLongNotAsciiOrRepeated() {
        assertThrows(IllegalArgumentException.class, () -> Subprotocols.offerField(List.of("")));
        assertThrows(IllegalArgumentException.class, () -> Subprotocols.offerField(List.of("a".repeat(513))));
        assertThrows(IllegalArgumentException.class, () -> Subprotocols.offerField(List.of("\u8aa4")));
        assertThrows(IllegalArgumentException.class, () -> Subprotocols.offerField(List.of("a\u0007")));
        assertThrows(IllegalArgumentException.class, () -> Subprotocols.offerField(List.of("test", "test")));
        assertEquals(514, Subprotocols.offerField(List.of("a".repeat(512))).length());
    }
}
