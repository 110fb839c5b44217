package io.transports.backplane.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real redis-server for a test: on a free loopback port with a temporary directory, with an
 * append-only file fsynced on every write (so a crash keeps what was acknowledged). It can be killed
 * (SIGKILL), restarted with its data or with none, kept busy for a while ({@link #stall}), and is stopped
 * and its directory removed at close.
 * Outside CI a missing redis-server skips the test with a message; with CI=true it fails.
 */
public final class RedisProcess implements AutoCloseable {
    private static final String BINARY = System.getenv().getOrDefault("REDIS_SERVER", "/usr/bin/redis-server");

    private final Path dir;
    private final int port;
    private Process process;

    private RedisProcess(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Start one, or skip the calling test (outside CI) when redis-server is not installed. */
    public static RedisProcess start() throws Exception {
        if (!Files.isExecutable(Path.of(BINARY))) {
            String why = "no redis-server at " + BINARY + " (apt-get install redis-server, or set REDIS_SERVER)";
            if ("true".equals(System.getenv("CI"))) throw new IllegalStateException("CI=true but " + why + ": the Redis tests must run in CI");
            System.out.println("SKIPPED: " + why);
            Assumptions.abort(why);
        }
        RedisProcess r = new RedisProcess(Files.createTempDirectory("transports-redis"), freePort());
        r.launch();
        return r;
    }

    public String url() { return "redis://127.0.0.1:" + port + "/0"; }

    public int port() { return port; }

    private void launch() throws Exception {
        process = new ProcessBuilder(BINARY, "--port", Integer.toString(port), "--bind", "127.0.0.1", "--dir", dir.toString(),
                "--save", "", "--appendonly", "yes", "--appendfsync", "always", "--protected-mode", "yes")
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!ping()) {
            if (!process.isAlive()) throw new IllegalStateException("redis-server exited: " + Files.readString(dir.resolve("redis.log")));
            if (System.nanoTime() > deadline) throw new IllegalStateException("redis-server did not answer on port " + port);
            Thread.sleep(20);
        }
    }

    /** SIGKILL the server (what it acknowledged is in its append-only file). */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Start it again on the same port, with its data (keepData) or with an empty directory. */
    public void restart(boolean keepData) throws Exception {
        if (process.isAlive()) kill();
        if (!keepData) {
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.toList()) if (!p.getFileName().toString().equals("redis.log")) deleteTree(p);
            }
        }
        launch();
    }

    private boolean ping() {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(1000);
            s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] buf = new byte[7];
            int n = s.getInputStream().read(buf);
            return n > 0 && new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Keep the server busy for {@code millis} (a Lua script spinning on {@code TIME}, sent on its own
     * connection; Redis runs one command at a time, so every other client's commands wait behind it).
     * Returns once the server is seen busy (a PING on another connection gets no answer within 200 ms);
     * the returned future completes when the script has answered.
     */
    public java.util.concurrent.CompletableFuture<Void> stall(long millis) throws Exception {
        String script = "local function ms() local t = redis.call('TIME') return t[1] * 1000 + math.floor(t[2] / 1000) end "
                + "local stop = ms() + tonumber(ARGV[1]) while ms() < stop do end return 1";
        String arg = Long.toString(millis);
        String command = "*4\r\n$4\r\nEVAL\r\n$" + script.length() + "\r\n" + script + "\r\n$1\r\n0\r\n$" + arg.length() + "\r\n" + arg + "\r\n";
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.getOutputStream().write(command.getBytes(StandardCharsets.US_ASCII));
        java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (s) {
                int n = s.getInputStream().read(new byte[16]);
                if (n > 0) done.complete(null);
                else done.completeExceptionally(new IOException("the stalling script got no answer"));
            } catch (IOException e) {
                done.completeExceptionally(e);
            }
        }, "redis-stall");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (answersPing(200)) {
            if (done.isDone() || System.nanoTime() > deadline) throw new IllegalStateException("redis-server on port " + port + " never looked busy");
        }
        return done;
    }

    private boolean answersPing(int withinMillis) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(withinMillis);
            s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            return s.getInputStream().read(new byte[7]) > 0;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // not a sign of a busy server
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) { return s.getLocalPort(); }
    }

    @Override public void close() throws Exception {
        if (process != null && process.isAlive()) kill();
        deleteTree(dir);
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
        }
    }

}
