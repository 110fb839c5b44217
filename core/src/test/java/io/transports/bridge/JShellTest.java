package io.transports.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.Test;

/** The bridge with classes declared in a real JShell (run in this JVM), including a redefinition. */
class JShellTest {

    private static String eval(JShell js, String code) {
        // eval takes exactly one snippet per call
        List<SnippetEvent> events = js.eval(code);
        for (SnippetEvent e : events) {
            if (e.exception() != null) fail(code + " threw " + e.exception());
            if (e.status() == Snippet.Status.REJECTED) {
                fail(code + " was rejected: " + js.diagnostics(e.snippet()).map(d -> d.getMessage(null)).toList());
            }
        }
        return events.get(events.size() - 1).value();
    }

    @Test void classesDeclaredInJShellBridgeAndCanBeRedefined() {
        try (JShell js = JShell.builder().executionEngine("local").build()) {
            js.addToClasspath(System.getProperty("java.class.path"));
            eval(js, "import io.transports.bridge.*;");
            eval(js, "import io.transports.patch.*;");
            eval(js, "class Device { public String name; public boolean on; Device(String n) { name = n; } }");
            assertEquals("\"Device\"", eval(js, "Bridge.typeName(Device.class)"));
            eval(js, "var lamp = new Device(\"lamp\");");
            eval(js, "var tracker = Bridge.track(lamp);");
            eval(js, "lamp.on = true;");
            eval(js, "var ops = new java.util.ArrayList<Op>();");
            assertEquals("true", eval(js, "tracker.sync(ops)"));
            assertEquals("\"[{\\\"Set\\\":{\\\"path\\\":[{\\\"Key\\\":\\\"on\\\"}],\\\"value\\\":{\\\"Bool\\\":true}}}]\"",
                    eval(js, "ops.toString()"));
            eval(js, "Bridge.updateInPlace(lamp, Bridge.toValue(new Device(\"desk lamp\")));");
            assertEquals("\"desk lamp\"", eval(js, "lamp.name"));
            assertEquals("false", eval(js, "lamp.on"));
            eval(js, "class Device { public String name; public boolean on; Device(String n) { name = n; } Device(String n, boolean o) { name = n; on = o; } }");
            eval(js, "var back = Bridge.fromValue(Bridge.toValue(new Device(\"fan\", true)), Device.class);");
            assertEquals("\"fan true\"", eval(js, "back.name + \" \" + back.on"));
            eval(js, "class Device { public String name; public int watts = 40; }");
            assertEquals("\"{\\\"Map\\\":{\\\"name\\\":\\\"Null\\\",\\\"watts\\\":{\\\"Int\\\":40}}}\"",
                    eval(js, "Bridge.toValue(new Device()).toString()"));
        }
    }
}
