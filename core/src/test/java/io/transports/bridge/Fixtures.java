package io.transports.bridge;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Classes the bridge tests map: beans, records, annotated and polymorphic types, a JShell-like wrapper. */
final class Fixtures {
    private Fixtures() {}

    static class Device {
        public String name;
        public boolean on;
        public int watts;

        Device() {}

        Device(String name) { this.name = name; }
    }

    enum Mode { ECO, @JsonProperty("full-power") FULL }

    record Point(int x, int y) {}

    record Reading(double value, String unit, Optional<String> note) {}

    static class Address {
        public String city;
        public int zip;
    }

    static class Person {
        private String name;
        private int age;
        public Address address = new Address();
        public final List<String> tags = new ArrayList<>();

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public int getAge() { return age; }
        public void setAge(int age) { this.age = age; }
    }

    static class Annotated {
        @JsonProperty("display_name") public String displayName = "x";
        @JsonProperty private int secret = 7;
        @JsonIgnore public String hidden = "h";
        public transient String scratch = "s";
        public static String shared = "static";
        public String extra = "e";
    }

    @JsonIgnoreProperties(value = {"extra"}, ignoreUnknown = true)
    static class Lenient {
        public String name;
        public String extra = "e";
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
    @JsonSubTypes({@JsonSubTypes.Type(value = Circle.class, name = "circle"), @JsonSubTypes.Type(Square.class)})
    interface Figure {}

    static class Circle implements Figure {
        public double r;
    }

    @JsonTypeName("square")
    static class Square implements Figure {
        public double side;
    }

    static class Drawing {
        public List<Figure> figures = new ArrayList<>();
        public Figure main;
    }

    static class Node {
        public String label;
        public Node next;
        public List<Node> children = new ArrayList<>();

        Node(String label) { this.label = label; }
        Node() {}
    }

    static final class Celsius {
        private final double degrees;

        @JsonCreator Celsius(double degrees) { this.degrees = degrees; }

        @JsonValue double degrees() { return degrees; }
    }

    static final class Money {
        private final long cents;
        private final String currency;

        @JsonCreator Money(@JsonProperty("cents") long cents, @JsonProperty("currency") String currency) {
            if (cents < 0) throw new IllegalArgumentException("cents must not be negative");
            this.cents = cents;
            this.currency = currency;
        }

        @JsonProperty long cents() { return cents; }
        @JsonProperty String currency() { return currency; }
    }

    static class Inventory {
        public Map<String, Integer> stock = new java.util.TreeMap<>();
        public int[] counts = {1, 2};
        public List<Device> devices = new ArrayList<>();
    }

    static class WithComputed {
        public int w = 2;
        public int h = 3;
        public int getArea() { return w * h; }
    }
}

/** Stands in for JShell's synthetic wrapper: a package-private class whose nested classes hold the snippets. */
class $JShell$12 {
    static class Device {
        public String name = "lamp";
        public boolean on;
        @JsonProperty private int level = 3;
    }
}
