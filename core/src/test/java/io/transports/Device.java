package io.transports;

/** The quickstart's model: a plain mutable class with public fields. */
public class Device {
    public String name;
    public boolean on;

    public Device() {}

    public Device(String name) { this.name = name; }

    public Device(String name, boolean on) {
        this.name = name;
        this.on = on;
    }

    @Override public String toString() { return "name=" + name + ", on=" + on; }
}
