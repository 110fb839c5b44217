package io.transports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.Test;

/**
 * The README's Hub example, read from README.md and run in JShell exactly as written; then the values
 * its comments promise are checked.
 */
class ReadmeHubExampleTest {
    private static final String MARKER = "<!-- ReadmeHubExampleTest runs the next block exactly as written -->";

    static String block() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int at = readme.indexOf(MARKER);
        assertTrue(at >= 0, "README.md has no block marked for this test");
        int start = readme.indexOf("```java\n", at) + "```java\n".length();
        int end = readme.indexOf("\n```", start);
        return readme.substring(start, end);
    }

    private static String eval(JShell js, String source) {
        String last = null;
        String rest = source;
        while (!rest.isBlank()) {
            var info = js.sourceCodeAnalysis().analyzeCompletion(rest);
            for (SnippetEvent e : js.eval(info.source())) {
                if (e.exception() != null) fail(info.source() + "\n threw " + e.exception());
                if (e.status() == Snippet.Status.REJECTED) {
                    fail(info.source() + "\n rejected: " + js.diagnostics(e.snippet()).map(d -> d.getMessage(null)).toList());
                }
                if (e.value() != null) last = e.value();
            }
            rest = info.remaining();
        }
        return last;
    }

    @Test
    void theReadmesHubExampleRunsAsWritten() throws Exception {
        try (JShell js = JShell.builder().executionEngine("local").build()) {
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) js.addToClasspath(entry);
            eval(js, block());
            assertEquals("\"1099511627776\"", eval(js, "String.valueOf(board)"));
            assertEquals("[1, 1099511627776]", eval(js, "aliceView.ids()"));
            assertEquals("[1099511627776]", eval(js, "bobView.ids()"));
            assertEquals("1", eval(js, "vote.accepted().join()"));
            assertEquals("1", eval(js, "bobView.model(board, Board.class).votes"));
            assertEquals("1", eval(js, "hub.sharedRev(board)"));
            assertEquals("true", eval(js, "refused.accepted().isCompletedExceptionally()"));
            assertEquals("[peer-2]", eval(js, "aliceView.awareness(board).keySet()"));
            assertEquals("{looking at=votes}", eval(js, "io.transports.codec.PlainData.toPlain(aliceView.awareness(board).get(\"peer-2\"))"));
        }
    }
}
