package net.webtransport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Walks every member of the W3C WebTransport WebIDL (listed in {@code webtransport-idl-members.txt})
 * and checks that it has a Java counterpart in {@code net.webtransport}: a type per interface,
 * dictionary and enum; a public method per attribute, operation and dictionary member; an enum
 * constant per enum value. What is not there yet must be listed, with a reason, in
 * {@code webtransport-idl-pending.txt}, and nothing there may exist already: nothing is silently missing.
 */
class WebIdlCoverageTest {

    static List<String> lines(String resource) throws IOException {
        try (InputStream in = WebIdlCoverageTest.class.getResourceAsStream("/" + resource)) {
            List<String> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String l = line.strip();
                if (!l.isEmpty() && !l.startsWith("#")) {
                    out.add(l);
                }
            }
            return out;
        }
    }

    static Class<?> type(String name) {
        try {
            return Class.forName("net.webtransport." + name);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    /** Whether the WebIDL member named by {@code line} has its Java counterpart. */
    static boolean present(String line) {
        String[] kindAndName = line.split(" ", 2);
        String kind = kindAndName[0];
        String[] typeAndMember = kindAndName[1].split("\\.", 2);
        Class<?> type = type(typeAndMember[0]);
        if (type == null) {
            return false;
        }
        if (typeAndMember.length == 1) {
            return true;
        }
        String member = typeAndMember[1];
        return switch (kind) {
            case "attribute", "member" -> Arrays.stream(type.getMethods())
                    .anyMatch(m -> m.getName().equals(member) && m.getParameterCount() == 0);
            case "method" -> Arrays.stream(type.getMethods()).anyMatch(m -> m.getName().equals(member));
            case "static" -> Arrays.stream(type.getMethods())
                    .anyMatch(m -> m.getName().equals(member) && Modifier.isStatic(m.getModifiers()));
            case "value" -> type.isEnum() && Arrays.stream(type.getEnumConstants()).anyMatch(c -> idlValue(c).equals(member));
            default -> throw new IllegalArgumentException("unknown kind in " + line);
        };
    }

    static String idlValue(Object constant) {
        try {
            Method m = constant.getClass().getMethod("idlValue");
            return (String) m.invoke(constant);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(constant.getClass() + " has no idlValue()", e);
        }
    }

    @Test
    void everyWebIdlMemberHasAJavaCounterpartOrIsListedAsPending() throws IOException {
        Set<String> pending = new TreeSet<>(lines("webtransport-idl-pending.txt"));
        Set<String> missingUnlisted = new TreeSet<>();
        Set<String> listedButPresent = new TreeSet<>();
        for (String member : lines("webtransport-idl-members.txt")) {
            boolean there = present(member);
            if (!there && !pending.contains(member)) {
                missingUnlisted.add(member);
            }
            if (there && pending.contains(member)) {
                listedButPresent.add(member);
            }
        }
        assertEquals(Set.of(), missingUnlisted, "WebIDL members with no Java counterpart and not listed as pending");
        assertEquals(Set.of(), listedButPresent, "members listed as pending that exist now: take them off the list");
    }

    @Test
    void thePendingListNamesOnlyRealWebIdlMembers() throws IOException {
        Set<String> all = new TreeSet<>(lines("webtransport-idl-members.txt"));
        Set<String> stray = new TreeSet<>(lines("webtransport-idl-pending.txt"));
        stray.removeAll(all);
        assertEquals(Set.of(), stray);
    }
}
