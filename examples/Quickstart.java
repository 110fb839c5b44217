// The seed quickstart in plain Java: host a model, mirror it with a client, stream a host change,
// and send a client proposal back through the server-authoritative path.
// Run it with ./examples/quickstart.sh (it builds the core and puts it on the class path).
import io.transports.*;

public class Quickstart {
    public static class Device {
        public String name;
        public boolean on;

        public Device() {}
        public Device(String name) { this.name = name; }
        public Device(String name, boolean on) { this.name = name; this.on = on; }

        @Override public String toString() { return "name=" + name + ", on=" + on; }
    }

    public static void main(String[] args) {
        var session = new Session();
        var lamp = new Device("lamp");
        var mid = session.host(lamp);
        System.out.println(mid);                          // 1

        lamp.on = true;
        System.out.println(session.drain());              // [(1, {"rev":1,"ops":[{"Set":{"path":[{"Key":"on"}],"value":{"Bool":true}}}]})]

        var server = new Server(session);
        var client = new Client();
        for (var frame : server.open("browser")) client.recv(frame);
        System.out.println(client.model(mid, Device.class));   // name=lamp, on=true

        lamp.name = "desk lamp";
        for (var frame : server.flush().get("browser")) client.recv(frame);
        System.out.println(client.model(mid, Device.class));   // name=desk lamp, on=true

        var proposal = client.edit(mid, Transports.toValue(new Device("desk lamp", false)));
        for (var e : server.recv("browser", proposal).entrySet()) for (var f : e.getValue()) client.recv(f);
        System.out.println(lamp.on);                           // false
        System.out.println(client.model(mid, Device.class));   // name=desk lamp, on=false
    }
}
