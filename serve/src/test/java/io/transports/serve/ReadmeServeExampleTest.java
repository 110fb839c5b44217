package io.transports.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.transports.connections.TransportsClient;
import io.transports.patch.Op;
import io.transports.value.Path;
import io.transports.value.Value;
import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.Test;

/**
 * The README's Serve example, read from README.md and run in JShell exactly as written: the first Java
 * block serves the session; a real WebSocket client then edits the lamp's name over the served endpoint
 * (as the page does); the second block must show the new name and free the port. (serve.e2e.mjs runs the
 * same blocks in a real jshell process with the page in Chromium.)
 */
class ReadmeServeExampleTest {
    static final String MARKER = "<!-- serve.e2e.mjs runs the next blocks exactly as written";

    /** The README's Java blocks after the marker, in order. */
    static List<String> javaBlocks() throws Exception {
        String readme = Files.readString(java.nio.file.Path.of("..", "README.md"));
        int at = readme.indexOf(MARKER);
        assertTrue(at >= 0, "README.md has no Serve example marked for this test");
        List<String> blocks = new ArrayList<>();
        int from = at;
        for (int i = 0; i < 2; i++) {
            int start = readme.indexOf("```java\n", from) + "```java\n".length();
            int end = readme.indexOf("\n```", start);
            blocks.add(readme.substring(start, end));
            from = end + 4;
        }
        return blocks;
    }

    /**
     * Runs source as the jshell tool does with typed or piped lines: a line is added to what is pending, and
     * whatever is complete then (with or without its semicolon) is run; so {@code lamp.name} alone on a
     * line is an expression shown as a value. Returns the values shown, in order.
     */
    private static List<String> eval(JShell js, String source) {
        List<String> shown = new ArrayList<>();
        String pending = "";
        for (String line : (source + "\n").split("\n", -1)) {
            pending += line + "\n";
            var info = js.sourceCodeAnalysis().analyzeCompletion(pending);
            while (info.completeness().isComplete() && !pending.isBlank()) {
                for (SnippetEvent e : js.eval(info.source())) {
                    if (e.exception() != null) fail(info.source() + "\n threw " + e.exception());
                    if (e.status() == Snippet.Status.REJECTED) {
                        fail(info.source() + "\n rejected: " + js.diagnostics(e.snippet()).map(d -> d.getMessage(null)).toList());
                    }
                    if (e.value() != null && (e.snippet().subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND
                            || e.snippet().subKind() == Snippet.SubKind.VAR_VALUE_SUBKIND)) {
                        shown.add(e.value()); // an expression jshell shows as "$1 ==> value"
                    }
                }
                pending = info.remaining();
                info = js.sourceCodeAnalysis().analyzeCompletion(pending);
            }
        }
        if (!pending.isBlank()) fail("incomplete at the end: " + pending);
        return shown;
    }

    @Test
    void theReadmesServeExampleRunsAsWritten() throws Exception {
        List<String> blocks = javaBlocks();
        try (JShell js = JShell.builder().executionEngine("local").build()) {
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) js.addToClasspath(entry);
            eval(js, blocks.get(0));
            String url = eval(js, "served.url()").get(0).replace("\"", "");
            int port = Integer.parseInt(eval(js, "served.port()").get(0));
            assertEquals("http://127.0.0.1:" + port + "/", url);

            // what the page does when a person types the name and presses Enter: a proposal over the WebSocket
            try (TransportsClient page = new TransportsClient()) {
                page.connect(eval(js, "served.webSocketUrl()").get(0).replace("\"", ""));
                Await.until("the lamp's snapshot", () -> page.mirror().ids().contains(1L));
                page.submitOps(1, List.of(new Op.Set(Path.of(new Path.Key("name")), Value.of("porch lamp"))))
                        .accepted().get(10, TimeUnit.SECONDS);
            }
            assertEquals("\"porch lamp\"", eval(js, blocks.get(1)).get(0), "what the second block shows for lamp.name");
            try (ServerSocket again = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"))) {
                assertEquals(port, again.getLocalPort(), "served.close() frees the port");
            }
        }
    }
}
