package io.transports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.Test;

/**
 * The quickstart typed into JShell, with Device declared in the snippet: such classes are nested in a
 * synthetic wrapper class, package-private, and can be redefined by a later snippet.
 */
class JShellQuickstartTest {

    /** Evaluates every snippet in {@code source} (JShell.eval takes one at a time); returns the last value. */
    private static String eval(JShell js, String source) {
        String last = null;
        String rest = source;
        while (!rest.isBlank()) {
            var info = js.sourceCodeAnalysis().analyzeCompletion(rest);
            String value = evalOne(js, info.source());
            if (value != null) last = value;
            rest = info.remaining();
        }
        return last;
    }

    private static String evalOne(JShell js, String code) {
        String last = null;
        for (SnippetEvent e : js.eval(code)) {
            if (e.exception() != null) fail(code + "\n threw " + e.exception());
            if (e.status() == Snippet.Status.REJECTED) {
                fail(code + "\n rejected: " + js.diagnostics(e.snippet()).map(d -> d.getMessage(null)).toList());
            }
            if (e.value() != null) last = e.value();
        }
        return last;
    }

    @Test
    void quickstartRunsInJShellWithAClassDeclaredInTheSnippet() {
        try (JShell js = JShell.builder().executionEngine("local").build()) {
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) js.addToClasspath(entry);
            eval(js, "import io.transports.*;");
            eval(js, "class Device { public String name; public boolean on; Device() {} Device(String n) { name = n; }"
                    + " Device(String n, boolean o) { name = n; on = o; }"
                    + " public String toString() { return \"name=\" + name + \", on=\" + on; } }");
            eval(js, "var session = new Session();");
            eval(js, "var lamp = new Device(\"lamp\");");
            assertEquals("1", eval(js, "var mid = session.host(lamp);"));
            eval(js, "lamp.on = true;");
            assertEquals("\"[(1, {\\\"rev\\\":1,\\\"ops\\\":[{\\\"Set\\\":{\\\"path\\\":[{\\\"Key\\\":\\\"on\\\"}],\\\"value\\\":{\\\"Bool\\\":true}}}]})]\"",
                    eval(js, "String.valueOf(session.drain())"));
            eval(js, "var server = new Server(session);");
            eval(js, "var client = new Client();");
            eval(js, "for (var frame : server.open(\"browser\")) client.recv(frame);");
            assertEquals("name=lamp, on=true", eval(js, "client.model(mid, Device.class)"));
            eval(js, "lamp.name = \"desk lamp\";");
            eval(js, "for (var frame : server.flush().get(\"browser\")) client.recv(frame);");
            eval(js, "var proposal = client.edit(mid, Transports.toValue(new Device(\"desk lamp\", false)));");
            eval(js, "for (var e : server.recv(\"browser\", proposal).entrySet()) for (var f : e.getValue()) client.recv(f);");
            assertEquals("false", eval(js, "lamp.on"));
            assertEquals("name=desk lamp, on=false", eval(js, "client.model(mid, Device.class)"));

            // a later snippet redefines the class; the new one is a new Class and must bridge as such
            eval(js, "class Device { public String name; public int watts; Device() {} public String toString() { return name + \" \" + watts + \"W\"; } }");
            eval(js, "var bulb = new Device(); bulb.name = \"bulb\"; bulb.watts = 60;");
            assertEquals("2", eval(js, "session.host(bulb)"));
            assertEquals("\"Device\"", eval(js, "session.typeName(2)"));
            assertEquals("\"{\\\"Map\\\":{\\\"name\\\":{\\\"Str\\\":\\\"bulb\\\"},\\\"watts\\\":{\\\"Int\\\":60}}}\"",
                    eval(js, "Transports.toJson(session.value(2))"));

        }
    }
}
