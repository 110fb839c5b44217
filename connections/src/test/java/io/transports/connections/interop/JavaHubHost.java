package io.transports.connections.interop;

import io.transports.Hub;
import io.transports.connections.Fanout;
import io.transports.connections.SyncLoop;
import io.transports.connections.support.EmbeddedServer;
import java.time.Duration;

/**
 * Interop, Java side as host: our {@link Hub} behind the WebSocket endpoint for the Python package's
 * clients. The tenant is the URL's {@code tenant} parameter. Each of "alice" and "bob" has a private Lamp
 * (model 1, its own); one shared Lamp (id 2^40, last write wins) is subscribed by alice and bob with
 * WRITE and by carol with READ; so is a CRDT-backed text ("hello", {@link Hub#shareCrdt}). Usage: JavaHubHost
 * PORT. Prints "ready &lt;ws url&gt; &lt;shared id&gt; &lt;crdt id&gt;" and serves until killed.
 */
public final class JavaHubHost {
    /** The model of this host: what the Python clients mirror. */
    public static class Lamp {
        public String name;
        public boolean on;
        public int level = 3;

        public Lamp() {}

        public Lamp(String name) { this.name = name; }
    }

    private JavaHubHost() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Hub hub = new Hub(c -> c.param("tenant").orElseThrow(() -> new IllegalArgumentException("add ?tenant=<name>")));
        hub.tenant("alice").host(new Lamp("alice's own lamp"));
        hub.tenant("bob").host(new Lamp("bob's own lamp"));
        long shared = hub.share(new Lamp("the shared lamp"));
        hub.subscribe("alice", shared, Hub.Mode.WRITE);
        hub.subscribe("bob", shared, Hub.Mode.WRITE);
        hub.subscribe("carol", shared, Hub.Mode.READ);
        long text = hub.shareCrdt(io.transports.value.Value.of("hello"), io.transports.crdt.CrdtSpec.of(io.transports.crdt.CrdtPolicy.text()));
        hub.subscribe("alice", text, Hub.Mode.WRITE);
        hub.subscribe("bob", text, Hub.Mode.WRITE);
        hub.subscribe("carol", text, Hub.Mode.READ);
        Fanout fanout = new Fanout(hub);
        EmbeddedServer server = EmbeddedServer.start(fanout, port);
        new SyncLoop(fanout, Duration.ofMillis(20)).start();
        System.out.println("ready " + server.wsUrl() + " " + shared + " " + text);
        Thread.currentThread().join();
    }
}
