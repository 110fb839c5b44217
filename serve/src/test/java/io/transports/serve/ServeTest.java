package io.transports.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.Hub;
import io.transports.Session;
import io.transports.connections.TransportsClient;
import io.transports.value.Path;
import io.transports.value.Value;
import io.transports.patch.Op;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Serve over real sockets on loopback: the page, both endpoints, a hub's tenants, close, and the errors. */
class ServeTest {
    public static class Lamp {
        public String name = "desk lamp";
        public boolean on = true;
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Op.Set set(String key, Value value) { return new Op.Set(Path.of(new Path.Key(key)), value); }

    @Test
    void oneCallServesThePageTheBundleAndTheWebSocketOnLoopback() throws Exception {
        Session session = new Session();
        Lamp lamp = new Lamp();
        long id = session.host(lamp);
        try (Served served = Serve.session(session)) {
            assertTrue(served.port() > 0);
            assertEquals("http://127.0.0.1:" + served.port() + "/", served.url());
            assertEquals(served.url(), served.toString());

            var page = get(served.url());
            assertEquals(200, page.statusCode());
            assertTrue(page.headers().firstValue("content-type").orElse("").startsWith("text/html"));
            assertTrue(page.body().contains("page.js"), page.body());
            var bundle = get(served.url() + "widget/client.js");
            assertEquals(200, bundle.statusCode(), "the widget-js bundle is in the jar's resources");
            assertTrue(bundle.body().contains("renderModels"), "the bundle exports renderModels");
            int outside = get(served.url() + "widget/../../../../Serve.class").statusCode();
            assertTrue(outside == 400 || outside == 404, "a path leaving the pages is refused, got " + outside);
            assertEquals(404, get(served.url() + "io/transports/serve/Serve.class").statusCode(), "only the pages' directories are served");

            try (TransportsClient client = new TransportsClient()) {
                client.connect(served.webSocketUrl());
                Await.until("the lamp's snapshot", () -> client.mirror().ids().contains(id));
                lamp.name = "changed by Java";   // the sync loop flushes it: no call needed
                Await.until("the host's change on the mirror", () -> "changed by Java".equals(client.model(id, Lamp.class).name));
                client.submitOps(id, List.of(set("on", Value.of(false)))).accepted().get(10, TimeUnit.SECONDS);
                Await.until("the Java object switched off", () -> !lamp.on);
            }
        }
    }

    @Test
    void theApplicationsPagesAndRoutesComeBeforeTheWidgetPage() throws Exception {
        var state = new jakarta.servlet.http.HttpServlet() {
            @Override protected void doGet(jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse resp)
                    throws IOException {
                resp.getWriter().print("the application's route");
            }
        };
        try (Served served = new Serve().pages("/io/transports/serve/testpages/").route("/state", state).start(new Session())) {
            assertTrue(get(served.url()).body().contains("the application's own page"));
            assertEquals(200, get(served.url() + "widget/client.js").statusCode(), "the bundle is still served");
            assertTrue(get(served.url() + "page.js").body().contains("renderModels"), "the widget page's script is still there");
            assertEquals("the application's route", get(served.url() + "state").body());
            assertEquals(404, get(served.url() + "nothing.html").statusCode());
        }
        assertThrows(IllegalArgumentException.class, () -> new Serve().pages("../etc"));
        assertThrows(IllegalArgumentException.class, () -> new Serve().route("state", state));
    }

    @Test
    void theSseEndpointStreamsTheSnapshot() throws Exception {
        Session session = new Session();
        session.host(new Lamp());
        try (Served served = Serve.session(session)) {
            var response = http.send(HttpRequest.newBuilder(URI.create(served.sseUrl())).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, response.statusCode());
            try (InputStream in = response.body()) {
                StringBuilder seen = new StringBuilder();
                byte[] buf = new byte[4096];
                while (!seen.toString().contains("desk lamp")) {
                    int n = in.read(buf);
                    if (n < 0) break;
                    seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
                assertTrue(seen.toString().contains("\"snapshot\""), seen.toString());
            }
        }
    }

    @Test
    void aHubIsServedTheSameWayWithItsTenantsApart() throws Exception {
        try (Hub hub = new Hub(c -> c.param("tenant").orElseThrow())) {
            Lamp alices = new Lamp();
            Lamp bobs = new Lamp();
            long aliceId = hub.tenant("alice").host(alices);
            long bobId = hub.tenant("bob").host(bobs);
            long shared = hub.share(new Lamp());
            hub.subscribe("alice", shared, Hub.Mode.WRITE);
            hub.subscribe("bob", shared, Hub.Mode.READ);
            try (Served served = Serve.hub(hub);
                 TransportsClient alice = new TransportsClient();
                 TransportsClient bob = new TransportsClient()) {
                alice.connect(served.webSocketUrl() + "?tenant=alice");
                bob.connect(served.webSocketUrl() + "?tenant=bob");
                Await.until("alice's models", () -> alice.mirror().ids().equals(List.of(aliceId, shared)));
                Await.until("bob's models", () -> bob.mirror().ids().equals(List.of(bobId, shared)));

                alice.submitOps(aliceId, List.of(set("name", Value.of("alice's lamp")))).accepted().get(10, TimeUnit.SECONDS);
                Await.until("alice's Java object renamed", () -> alices.name.equals("alice's lamp"));
                assertEquals("desk lamp", bobs.name, "bob's model is his own");
                assertEquals("desk lamp", bob.model(bobId, Lamp.class).name);

                alice.submitOps(shared, List.of(set("name", Value.of("ours")))).accepted().get(10, TimeUnit.SECONDS);
                Await.until("the shared write on bob's mirror", () -> "ours".equals(bob.model(shared, Lamp.class).name));
                var refused = bob.submitOps(shared, List.of(set("name", Value.of("mine"))));
                var e = assertThrows(Exception.class, () -> refused.accepted().get(10, TimeUnit.SECONDS));
                assertTrue(String.valueOf(e.getCause()).contains("read-only"), String.valueOf(e.getCause()));
            }
            assertFalse(hub.tenant("alice").ids().isEmpty(), "closing the Served leaves the hub open and its models in place");
        }
    }

    @Test
    void closeFreesThePortAndAnotherServeCanTakeIt() throws Exception {
        Session session = new Session();
        session.host(new Lamp());
        Served first = Serve.session(session);
        int port = first.port();
        first.close();
        first.close();   // a second close does nothing
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close(), "nothing listens after close()");
        try (Served second = new Serve().port(port).start(session)) {
            assertEquals(port, second.port());
            assertEquals(200, get(second.url()).statusCode());
        }
    }

    @Test
    void aPortInUseIsNamedInTheError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            var e = assertThrows(UncheckedIOException.class, () -> new Serve().port(port).start(new Session()));
            assertTrue(e.getMessage().contains("port " + port + " is in use"), e.getMessage());
            assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
        }
    }

    @Test
    void anAddressThisMachineDoesNotHaveIsNamedInTheError() {
        // 192.0.2.1 is reserved for documentation (TEST-NET-1): no interface here has it, and binding sends nothing
        var e = assertThrows(UncheckedIOException.class, () -> new Serve().bindPublic("192.0.2.1").start(new Session()));
        assertTrue(e.getMessage().startsWith("cannot serve on 192.0.2.1:0: "), e.getMessage());
        assertFalse(e.getMessage().contains("in use"), e.getMessage());
    }

    @Test
    void aPublicBindMustBeAskedForByName() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Serve().bind("0.0.0.0"));
        assertTrue(e.getMessage().contains("not a loopback address") && e.getMessage().contains("bindPublic(\"0.0.0.0\")"), e.getMessage());
        new Serve().bind("localhost").bind("127.0.0.2");   // loopback names and addresses are fine
        assertThrows(IllegalArgumentException.class, () -> new Serve().port(70000));
    }

    @Test
    void aLoopbackNameServes() throws Exception {
        try (Served served = new Serve().bind("localhost").start(new Session())) {
            assertEquals("http://localhost:" + served.port() + "/", served.url());
            assertEquals(200, get(served.url()).statusCode(), "localhost is a loopback host name the guard accepts");
        }
    }

    @Test
    void aPublicBindServesToo() throws Exception {
        try (Served served = new Serve().bindPublic("0.0.0.0").start(new Session())) {
            assertEquals("http://127.0.0.1:" + served.port() + "/", served.url(), "a wildcard bind is reached on 127.0.0.1");
            assertEquals(200, get(served.url()).statusCode());
        }
    }

    @Test
    void aBrowserHandshakeFromAnotherSiteIsRefused() throws Exception {
        Session session = new Session();
        session.host(new Lamp());
        try (Served served = Serve.session(session)) {
            try (TransportsClient evil = new TransportsClient().withHeader("Origin", "http://evil.example")) {
                assertThrows(IOException.class, () -> evil.connect(served.webSocketUrl()));
            }
            var sse = http.send(HttpRequest.newBuilder(URI.create(served.sseUrl())).header("Origin", "http://evil.example").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(403, sse.statusCode());
            assertTrue(sse.body().contains("Origin http://evil.example refused"), sse.body());
            try (TransportsClient own = new TransportsClient().withHeader("Origin", "http://127.0.0.1:" + served.port())) {
                own.connect(served.webSocketUrl());
                Await.until("the snapshot for a page of this server", () -> own.mirror().ids().contains(1L));
            }
        }
    }

    @Test
    void onLoopbackANonLoopbackHostNameIsRefused() throws Exception {
        try (Served served = Serve.session(new Session());
             Socket socket = new Socket("127.0.0.1", served.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: rebound.example:80\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 403"), response);
        }
    }
}
