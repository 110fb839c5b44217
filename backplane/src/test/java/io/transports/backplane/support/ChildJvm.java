package io.transports.backplane.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A separate JVM running a main class of the test class path; its standard output lines are collected
 * so a test can wait for one. {@link #kill9()} sends SIGKILL with the system's kill command.
 */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final String name;

    private ChildJvm(String name, Process process) {
        this.name = name;
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) lines.add(line);
            } catch (IOException ignored) {
                // the process ended
            }
        }, name + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    public static ChildJvm start(String name, Class<?> main, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        return new ChildJvm(name, new ProcessBuilder(cmd).redirectErrorStream(true).start());
    }

    /** Wait for an output line matching {@code test}; returns it. */
    public String await(Predicate<String> test, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        while (System.nanoTime() < deadline) {
            List<String> now = List.copyOf(lines);
            for (int i = seen; i < now.size(); i++) if (test.test(now.get(i))) return now.get(i);
            seen = 0; // lines only grow; scanning from 0 keeps this simple
            if (!process.isAlive()) throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + String.join("\n", lines));
            Thread.sleep(20);
        }
        throw new IllegalStateException(name + ": no matching line in " + timeout + ":\n" + String.join("\n", lines));
    }

    /** The last line starting with {@code prefix}, or null. */
    public String last(String prefix) {
        String found = null;
        for (String l : lines) if (l.startsWith(prefix)) found = l;
        return found;
    }

    public List<String> lines() { return List.copyOf(lines); }

    public long pid() { return process.pid(); }

    /** SIGKILL, as {@code kill -9 <pid>}; waits until it is gone. */
    public void kill9() throws Exception {
        new ProcessBuilder("kill", "-9", Long.toString(process.pid())).inheritIO().start().waitFor();
        process.waitFor();
    }

    public boolean alive() { return process.isAlive(); }

    @Override public void close() throws Exception {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
