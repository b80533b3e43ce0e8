package dev.skewguard.collector.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokensFileTest {
    static final String A = "aaaaaaaaaaaaaaaa-secret";
    static final String B = "bbbbbbbbbbbbbbbb-secret";

    @Test
    void eachTokenTouchesOnlyTheJobsItsPatternsMatch() {
        TokensFile tokens = TokensFile.parse(List.of("# comment", "", A + " team-a-*,shared", B + "\t*"), "f");
        Grant a = tokens.grantFor(A).orElseThrow();
        assertTrue(a.allows("team-a-1"));
        assertTrue(a.allows("shared"));
        assertFalse(a.allows("shared-2"));
        assertFalse(a.allows("team-b-1"));
        assertFalse(a.allows("xteam-a-1"));
        assertFalse(a.allows("shared\n"), "no line break slips past a pattern's end");
        assertTrue(a.allows("team-a-\n1"), "* matches any run of characters");
        assertTrue(tokens.grantFor(B).orElseThrow().allows("anything at all"));
        assertTrue(tokens.grantFor("cccccccccccccccc-secret").isEmpty());
        assertTrue(tokens.grantFor(A + " ").isEmpty());
    }

    @Test
    void aPatternIsLiteralButForTheStar() {
        Grant grant = new Grant(List.of("a.b+(c)"));
        assertTrue(grant.allows("a.b+(c)"));
        assertFalse(grant.allows("aXb+(c)"));
    }

    @Test
    void mistakesAreOneLineThatNamesTheLineAndNeverTheToken() {
        assertMistake(List.of(A), "line 1: expected '<token> <job-pattern>");
        assertMistake(List.of("short team-a"), "line 1: the token is shorter than 16 characters");
        assertMistake(List.of("#", A + " ,"), "line 2: no job pattern");
        assertMistake(List.of(A + " a", A + " b"), "line 2: the same token is listed twice");
        assertMistake(List.of("# nothing"), "lists no token");
        assertMistake(List.of(A + " a b"), "found 3 fields");
    }

    private static void assertMistake(List<String> lines, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TokensFile.parse(lines, "--tokens-file t"));
        assertTrue(e.getMessage().startsWith("--tokens-file t"), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("secret") || e.getMessage().contains("short team"), e.getMessage());
        assertEquals(-1, e.getMessage().indexOf('\n'));
    }
}
