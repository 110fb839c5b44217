package io.transports.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.bridge.Fixtures.*;
import io.transports.value.ListValue;
import io.transports.value.MapValue;
import io.transports.value.Path;
import io.transports.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Bridge: every supported type both ways, Jackson annotations, refusals with paths, updates in place. */
class BridgeTest {

    static String json(Object o) { return Bridge.toValue(o).toString(); }

    static Value parse(Object o) { return Bridge.toValue(o); }

    static <T> T roundTrip(T o, Class<T> type) { return Bridge.fromValue(Bridge.toValue(o), type); }

    // ---- leaves

    @Test void nullAndBooleansBecomeNullAndBool() {
        assertEquals("\"Null\"", json(null));
        assertEquals("{\"Bool\":true}", json(true));
        assertEquals(Boolean.FALSE, Bridge.fromValue(Value.of(false), Boolean.class));
        assertEquals(true, Bridge.fromValue(Value.of(true), boolean.class));
    }

    @Test void everyIntegralTypeBecomesInt() {
        for (Object o : new Object[] {(byte) 7, (short) 7, 7, 7L, new AtomicInteger(7), new AtomicLong(7), BigInteger.valueOf(7)}) {
            assertEquals("{\"Int\":7}", json(o), o.getClass().getName());
        }
        assertEquals((byte) 7, Bridge.fromValue(Value.of(7), byte.class));
        assertEquals((short) 7, Bridge.fromValue(Value.of(7), Short.class));
        assertEquals(7L, Bridge.fromValue(Value.of(7), long.class));
        assertEquals(7, Bridge.fromValue(Value.of(7), AtomicInteger.class).get());
        assertEquals(7L, Bridge.fromValue(Value.of(7), AtomicLong.class).get());
        assertEquals(BigInteger.valueOf(7), Bridge.fromValue(Value.of(7), BigInteger.class));
    }

    @Test void bigIntegerBeyond64BitsIsRefusedWithThePath() {
        Map<String, Object> m = Map.of("big", BigInteger.ONE.shiftLeft(64));
        BridgeException e = assertThrows(BridgeException.class, () -> Bridge.toValue(m));
        assertEquals(Path.parse("big"), e.path());
        assertTrue(e.getMessage().contains("out of 64-bit range"), e.getMessage());
        assertEquals("{\"Int\":" + Long.MIN_VALUE + "}", json(BigInteger.valueOf(Long.MIN_VALUE)));
    }

    @Test void floatingNumbersBecomeFloatAndStayFloat() {
        assertEquals("{\"Float\":1.0}", json(1.0));
        assertEquals("{\"Float\":0.1}", json(0.1f));
        assertEquals("{\"Float\":2.5}", json(new BigDecimal("2.5")));
        assertEquals(0.1f, Bridge.fromValue(Value.of(0.1), float.class));
        assertEquals(new BigDecimal("2.5"), Bridge.fromValue(Value.of(2.5), BigDecimal.class));
    }

    @Test void nanAndInfinityAreRefusedNamingThePath() {
        Device d = new Device("lamp");
        Map<String, Object> m = Map.of("items", List.of(1.0, Double.NaN));
        BridgeException e = assertThrows(BridgeException.class, () -> Bridge.toValue(m));
        assertEquals("at items[1]: NaN cannot travel (a Float must be finite; JSON has no NaN or infinity)", e.getMessage());
        BridgeException inf = assertThrows(BridgeException.class, () -> Bridge.toValue(new Reading(Double.POSITIVE_INFINITY, "W", Optional.empty())));
        assertEquals(Path.parse("value"), inf.path());
        assertTrue(inf.getMessage().contains("Infinity cannot travel"));
        assertThrows(BridgeException.class, () -> Bridge.toValue(Float.NaN));
        assertEquals("lamp", d.name);
    }

    @Test void textualTypesBecomeStr() {
        UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        assertEquals("{\"Str\":\"x\"}", json('x'));
        assertEquals("{\"Str\":\"ab\"}", json(new StringBuilder("ab")));
        assertEquals("{\"Str\":\"" + id + "\"}", json(id));
        assertEquals("{\"Str\":\"https://example.org/a\"}", json(URI.create("https://example.org/a")));
        assertEquals("{\"Str\":\"hi\"}", json(new char[] {'h', 'i'}));
        assertEquals('x', Bridge.fromValue(Value.of("x"), char.class));
        assertEquals(id, Bridge.fromValue(Value.of(id.toString()), UUID.class));
        assertEquals(URI.create("https://example.org/a"), Bridge.fromValue(Value.of("https://example.org/a"), URI.class));
        assertEquals("hi", new String(Bridge.fromValue(Value.of("hi"), char[].class)));
    }

    @Test void enumsTravelByNameHonouringJsonProperty() {
        assertEquals("{\"Str\":\"ECO\"}", json(Mode.ECO));
        assertEquals("{\"Str\":\"full-power\"}", json(Mode.FULL));
        assertEquals(Mode.FULL, Bridge.fromValue(Value.of("full-power"), Mode.class));
        BridgeException e = assertThrows(BridgeException.class, () -> Bridge.fromValue(Value.of("FULL"), Mode.class));
        assertEquals("at <root>: expected one of ECO, full-power (Str) for Mode, got Str \"FULL\"", e.getMessage());
    }

    @Test void javaTimeValuesTravelAsIso8601() {
        List<Object> times = List.of(Instant.parse("2024-05-01T10:15:30Z"), LocalDate.of(2024, 5, 1),
                LocalDateTime.of(2024, 5, 1, 10, 15), LocalTime.of(10, 15, 30), OffsetDateTime.parse("2024-05-01T10:15+02:00"),
                ZonedDateTime.parse("2024-05-01T10:15+02:00[Europe/Paris]"), Duration.ofMinutes(90), Period.ofDays(3),
                ZoneId.of("Europe/Paris"));
        List<String> texts = List.of("2024-05-01T10:15:30Z", "2024-05-01", "2024-05-01T10:15", "10:15:30",
                "2024-05-01T10:15+02:00", "2024-05-01T10:15+02:00[Europe/Paris]", "PT1H30M", "P3D", "Europe/Paris");
        for (int i = 0; i < times.size(); i++) {
            Object t = times.get(i);
            assertEquals(Value.of(texts.get(i)), Bridge.toValue(t));
            Class<?> type = t instanceof ZoneId ? ZoneId.class : t.getClass();
            assertEquals(t, Bridge.fromValue(Value.of(texts.get(i)), type));
        }
        BridgeException e = assertThrows(BridgeException.class, () -> Bridge.fromValue(Value.of("May 1st"), LocalDate.class));
        assertTrue(e.getMessage().startsWith("at <root>: expected an ISO-8601 LocalDate for LocalDate, got Str \"May 1st\""), e.getMessage());
    }

    @Test void optionalsBecomeTheirContentOrNull() {
        assertEquals("{\"Str\":\"a\"}", json(Optional.of("a")));
        assertEquals("\"Null\"", json(Optional.empty()));
        assertEquals("{\"Int\":3}", json(OptionalInt.of(3)));
        assertEquals("\"Null\"", json(OptionalInt.empty()));
        Reading r = new Reading(1.5, "W", Optional.of("ok"));
        assertEquals(r, roundTrip(r, Reading.class));
        Reading empty = new Reading(1.5, "W", Optional.empty());
        assertEquals(empty, roundTrip(empty, Reading.class));
    }

    // ---- containers

    @Test void listsArraysAndCollectionsBecomeList() {
        assertEquals("{\"List\":[{\"Int\":1},{\"Int\":2}]}", json(List.of(1, 2)));
        assertEquals("{\"List\":[{\"Int\":1},{\"Int\":2}]}", json(new int[] {1, 2}));
        assertEquals("{\"List\":[{\"Float\":1.5}]}", json(new double[] {1.5}));
        assertEquals("{\"List\":[{\"Bool\":true}]}", json(new boolean[] {true}));
        assertEquals("{\"List\":[{\"Str\":\"a\"},\"Null\"]}", json(new String[] {"a", null}));
        assertEquals("{\"List\":[{\"Int\":3},{\"Int\":1}]}", json(new java.util.ArrayDeque<>(List.of(3, 1))));
        int[] back = Bridge.fromValue(parse(new int[] {4, 5}), int[].class);
        assertEquals(5, back[1]);
    }

    @Test void setsKeepIterationOrderExceptUnorderedOnesWhichAreSortedByValueText() {
        assertEquals("{\"List\":[{\"Str\":\"b\"},{\"Str\":\"a\"}]}", json(new LinkedHashSet<>(List.of("b", "a"))));
        Set<String> hash = new HashSet<>(List.of("pear", "apple", "fig", "banana", "kiwi"));
        assertEquals("{\"List\":[{\"Str\":\"apple\"},{\"Str\":\"banana\"},{\"Str\":\"fig\"},{\"Str\":\"kiwi\"},{\"Str\":\"pear\"}]}", json(hash));
        assertEquals(json(Set.of("pear", "apple", "fig", "banana", "kiwi")), json(hash));
    }

    @Test void mapsWithStringEnumOrNumberKeysBecomeMapInKeyOrder() {
        Map<String, Integer> m = new TreeMap<>(Map.of("b", 2, "a", 1));
        assertEquals("{\"Map\":{\"a\":{\"Int\":1},\"b\":{\"Int\":2}}}", json(m));
        EnumMap<Mode, Integer> em = new EnumMap<>(Map.of(Mode.FULL, 2, Mode.ECO, 1));
        assertEquals("{\"Map\":{\"ECO\":{\"Int\":1},\"full-power\":{\"Int\":2}}}", json(em));
        assertEquals("{\"Map\":{\"10\":{\"Bool\":true},\"9\":{\"Bool\":false}}}", json(Map.of(10, true, 9, false)));
        BridgeException e = assertThrows(BridgeException.class, () -> Bridge.toValue(Map.of(List.of(1), 1)));
        assertTrue(e.getMessage().contains("map keys must be strings"), e.getMessage());
    }

    @Test void genericTypesAreReadBack() throws Exception {
        class Holder {
            public List<Device> devices;
            public Map<String, Point> points;
            public Map<Mode, Integer> modes;
            public Optional<Point> maybe;
            public Point[] array;
            public Set<Integer> numbers;
        }
        Value list = Value.list(parse(new Device("a")), parse(new Device("b")));
        @SuppressWarnings("unchecked")
        List<Device> ds = (List<Device>) Bridge.fromValue(list, Holder.class.getField("devices").getGenericType());
        assertEquals("b", ds.get(1).name);
        @SuppressWarnings("unchecked")
        Map<String, Point> ps = (Map<String, Point>) Bridge.fromValue(parse(Map.of("o", new Point(0, 0))),
                Holder.class.getField("points").getGenericType());
        assertEquals(new Point(0, 0), ps.get("o"));
        Object modes = Bridge.fromValue(parse(Map.of("ECO", 1)), Holder.class.getField("modes").getGenericType());
        assertEquals(Map.of(Mode.ECO, 1), modes);
        assertEquals(Optional.of(new Point(1, 2)), Bridge.fromValue(parse(new Point(1, 2)), Holder.class.getField("maybe").getGenericType()));
        Point[] arr = (Point[]) Bridge.fromValue(parse(List.of(new Point(1, 2))), Holder.class.getField("array").getGenericType());
        assertEquals(new Point(1, 2), arr[0]);
        assertEquals(Set.of(1, 2), Bridge.fromValue(parse(List.of(1, 2)), Holder.class.getField("numbers").getGenericType()));
    }

    @Test void anObjectTargetGetsPlainJavaValues() {
        Object o = Bridge.fromValue(parse(Map.of("a", List.of(1, 2.5, "x", true))), Object.class);
        assertEquals(Map.of("a", List.of(1L, 2.5, "x", true)), o);
    }

    // ---- records and beans

    @Test void publicFieldBeansBecomeMapsOfTheirFields() {
        Device d = new Device("lamp");
        d.watts = 60;
        assertEquals("{\"Map\":{\"name\":{\"Str\":\"lamp\"},\"on\":{\"Bool\":false},\"watts\":{\"Int\":60}}}", json(d));
        Device back = roundTrip(d, Device.class);
        assertEquals("lamp", back.name);
        assertEquals(60, back.watts);
    }

    @Test void recordsBecomeMapsOfComponentsAndAreReadBackThroughTheCanonicalConstructor() {
        assertEquals("{\"Map\":{\"x\":{\"Int\":1},\"y\":{\"Int\":2}}}", json(new Point(1, 2)));
        assertEquals(new Point(1, 2), roundTrip(new Point(1, 2), Point.class));
    }

    @Test void getterSetterBeansAndNestedObjects() {
        Person p = new Person();
        p.setName("Ada");
        p.setAge(36);
        p.address.city = "London";
        p.tags.add("math");
        assertEquals("{\"Map\":{\"address\":{\"Map\":{\"city\":{\"Str\":\"London\"},\"zip\":{\"Int\":0}}},\"age\":{\"Int\":36},"
                + "\"name\":{\"Str\":\"Ada\"},\"tags\":{\"List\":[{\"Str\":\"math\"}]}}}", json(p));
        Person back = roundTrip(p, Person.class);
        assertEquals("Ada", back.getName());
        assertEquals("London", back.address.city);
        assertEquals(List.of(), back.tags); // a final field without a setter is read-only when creating
    }

    @Test void jacksonAnnotationsRenameIgnoreAndExposeNonPublicMembers() {
        assertEquals("{\"Map\":{\"display_name\":{\"Str\":\"x\"},\"extra\":{\"Str\":\"e\"},\"secret\":{\"Int\":7}}}", json(new Annotated()));
        Annotated a = Bridge.fromValue(Value.map(Map.of("display_name", Value.of("y"), "secret", Value.of(9))), Annotated.class);
        assertEquals("y", a.displayName);
        BridgeException e = assertThrows(BridgeException.class,
                () -> Bridge.fromValue(Value.map(Map.of("hidden", Value.of("z"))), Annotated.class));
        assertEquals("at <root>: unknown field 'hidden' for Annotated (its fields: display_name, extra, secret)", e.getMessage());
    }

    @Test void jsonIgnorePropertiesDropsNamesAndMayAcceptUnknownKeys() {
        assertEquals("{\"Map\":{\"name\":{\"Str\":\"n\"}}}", json(new Lenient() {{ name = "n"; }}).replace("Lenient", ""));
        Lenient l = Bridge.fromValue(Value.map(Map.of("name", Value.of("a"), "colour", Value.of("red"))), Lenient.class);
        assertEquals("a", l.name);
    }

    @Test void polymorphicTypesCarryTheirTypePropertyAndReadBackAsTheSubtype() {
        Drawing d = new Drawing();
        Circle c = new Circle();
        c.r = 1.5;
        Square s = new Square();
        s.side = 2;
        d.figures.add(c);
        d.figures.add(s);
        d.main = s;
        String text = json(d);
        assertTrue(text.contains("{\"Map\":{\"kind\":{\"Str\":\"circle\"},\"r\":{\"Float\":1.5}}}"), text);
        assertTrue(text.contains("{\"Map\":{\"kind\":{\"Str\":\"square\"},\"side\":{\"Float\":2.0}}}"), text);
        Drawing back = roundTrip(d, Drawing.class);
        assertInstanceOf(Circle.class, back.figures.get(0));
        assertInstanceOf(Square.class, back.main);
        assertEquals(2.0, ((Square) back.main).side);
        BridgeException e = assertThrows(BridgeException.class,
                () -> Bridge.fromValue(Value.map(Map.of("kind", Value.of("triangle"))), Figure.class));
        assertEquals("at <root>: unknown type 'triangle' for Figure (one of: circle, square)", e.getMessage());
        BridgeException missing = assertThrows(BridgeException.class, () -> Bridge.fromValue(Value.map(Map.of()), Figure.class));
        assertTrue(missing.getMessage().contains("missing the type property 'kind'"), missing.getMessage());
    }

    @Test void jsonValueAndJsonCreatorAreHonoured() {
        assertEquals("{\"Float\":21.5}", json(new Celsius(21.5)));
        assertEquals(21.5, Bridge.fromValue(Value.of(21.5), Celsius.class).degrees());
        Money m = roundTrip(new Money(250, "EUR"), Money.class);
        assertEquals(250, m.cents());
        BridgeException e = assertThrows(BridgeException.class,
                () -> Bridge.fromValue(Value.map(Map.of("cents", Value.of(-1), "currency", Value.of("EUR"))), Money.class));
        assertEquals("at <root>: Money refused the value: cents must not be negative", e.getMessage());
    }

    @Test void jshellStyleNestedPackagePrivateClassesWork() {
        $JShell$12.Device d = new $JShell$12.Device();
        assertEquals("Device", Bridge.typeName(d.getClass()));
        assertEquals("{\"Map\":{\"level\":{\"Int\":3},\"name\":{\"Str\":\"lamp\"},\"on\":{\"Bool\":false}}}", json(d));
        $JShell$12.Device back = Bridge.fromValue(Value.map(Map.of("name", Value.of("desk"), "on", Value.of(true), "level", Value.of(5))),
                $JShell$12.Device.class);
        assertTrue(back.on);
        assertEquals("{\"Map\":{\"level\":{\"Int\":5},\"name\":{\"Str\":\"desk\"},\"on\":{\"Bool\":true}}}", json(back));
    }

    @Test void typeNameDropsWrappersAndNamesArrays() {
        assertEquals("Device", Bridge.typeName(Device.class));
        assertEquals("Point[]", Bridge.typeName(Point[].class));
        assertEquals("String", Bridge.typeName(String.class));
    }

    // ---- what cannot travel

    @Test void cyclesAreRefusedWithThePathNeverAStackOverflow() {
        Node self = new Node("a");
        self.next = self;
        BridgeException e = assertThrows(BridgeException.class, () -> Bridge.toValue(self));
        assertEquals("at next: cycle: this object is also at <root> (a Value is a tree; break the cycle or mark the back reference @JsonIgnore)",
                e.getMessage());

        Node a = new Node("a"), b = new Node("b");
        a.next = b;
        b.next = a;
        BridgeException indirect = assertThrows(BridgeException.class, () -> Bridge.toValue(a));
        assertEquals(Path.parse("next", "next"), indirect.path());
        assertTrue(indirect.getMessage().contains("also at <root>"));

        Node parent = new Node("p"), child = new Node("c");
        parent.children.add(child);
        child.children.add(parent);
        BridgeException viaList = assertThrows(BridgeException.class, () -> Bridge.toValue(Map.of("root", parent)));
        assertEquals(Path.parse("root", "children", 0, "children", 0), viaList.path());
        assertTrue(viaList.getMessage().contains("also at root"), viaList.getMessage());

        List<Object> l = new ArrayList<>();
        l.add(l);
        assertThrows(BridgeException.class, () -> Bridge.toValue(l));
    }

    @Test void sharedButAcyclicObjectsAreFine() {
        Address home = new Address();
        home.city = "Oslo";
        assertEquals("{\"List\":[" + json(home) + "," + json(home) + "]}", json(List.of(home, home)));
    }

    @Test void veryDeepGraphsAreRefusedClearly() {
        Node head = new Node("0");
        Node n = head;
        for (int i = 1; i < 1000; i++) {
            n.next = new Node(String.valueOf(i));
            n = n.next;
        }
        BridgeException e = assertThrows(BridgeException.class, () -> Bridge.toValue(head));
        assertTrue(e.getMessage().contains("nested deeper than 512 levels"), e.getMessage());
    }

    @Test void unsupportedTypesAreNamedWithThePath() {
        BridgeException t = assertThrows(BridgeException.class, () -> Bridge.toValue(Map.of("worker", new Thread())));
        assertTrue(t.getMessage().startsWith("at worker: cannot bridge java.lang.Thread"), t.getMessage());
        Runnable r = () -> {};
        BridgeException l = assertThrows(BridgeException.class, () -> Bridge.toValue(List.of(r)));
        assertTrue(l.getMessage().startsWith("at [0]: a lambda"), l.getMessage());
        BridgeException s = assertThrows(BridgeException.class, () -> Bridge.toValue(java.util.stream.Stream.of(1)));
        assertTrue(s.getMessage().contains("collect it into a List"), s.getMessage());
    }

    // ---- reading back: clear refusals

    @Test void typeMismatchesAreRefusedWithReadableReasons() {
        BridgeException b = assertThrows(BridgeException.class,
                () -> Bridge.fromValue(Value.map(Map.of("on", Value.of("yes"))), Device.class));
        assertEquals("at on: expected Bool (true or false) for boolean field 'on', got Str \"yes\"", b.getMessage());
        BridgeException w = assertThrows(BridgeException.class,
                () -> Bridge.fromValue(Value.map(Map.of("watts", Value.of("abc"))), Device.class));
        assertEquals("at watts: expected a whole number (Int) for int field 'watts', got Str \"abc\"", w.getMessage());
        BridgeException n = assertThrows(BridgeException.class,
                () -> Bridge.fromValue(Value.map(Map.of("watts", Value.NULL)), Device.class));
        assertEquals("at watts: expected a whole number (Int) for int field 'watts', got Null", n.getMessage());
    }

    @Test void numbersWidenButNeverLoseInformation() {
        assertEquals(3.0, Bridge.fromValue(Value.of(3), double.class));
        assertEquals(3, Bridge.fromValue(Value.of(3.0), int.class));
        BridgeException frac = assertThrows(BridgeException.class, () -> Bridge.fromValue(Value.of(3.5), int.class));
        assertTrue(frac.getMessage().contains("has a fraction"), frac.getMessage());
        BridgeException range = assertThrows(BridgeException.class, () -> Bridge.fromValue(Value.of(300), byte.class));
        assertEquals("at <root>: 300 is out of range for byte (-128 to 127)", range.getMessage());
        assertThrows(BridgeException.class, () -> Bridge.fromValue(Value.of(1L << 40), int.class));
    }

    @Test void unknownKeysAreRefusedAndMissingKeysKeepDefaults() {
        BridgeException e = assertThrows(BridgeException.class,
                () -> Bridge.fromValue(Value.map(Map.of("colour", Value.of("red"))), Device.class));
        assertEquals("at <root>: unknown field 'colour' for Device (its fields: name, on, watts)", e.getMessage());
        Device d = Bridge.fromValue(Value.map(Map.of("name", Value.of("x"))), Device.class);
        assertEquals(0, d.watts);
        assertFalse(d.on);
        Point p = Bridge.fromValue(Value.map(Map.of("x", Value.of(4))), Point.class);
        assertEquals(new Point(4, 0), p);
    }

    @Test void errorsInsideListsNameTheElement() {
        Value v = Value.map(Map.of("devices", Value.list(parse(new Device("a")), Value.map(Map.of("on", Value.of(1))))));
        BridgeException e = assertThrows(BridgeException.class, () -> Bridge.fromValue(v, Inventory.class));
        assertEquals(Path.parse("devices", 1, "on"), e.path());
    }

    // ---- in place

    @Test void recordsAndImmutablesCannotBeUpdatedInPlace() {
        assertFalse(Bridge.canUpdateInPlace(Point.class));
        assertFalse(Bridge.canUpdateInPlace(Mode.class));
        assertFalse(Bridge.canUpdateInPlace(String.class));
        assertFalse(Bridge.canUpdateInPlace(Money.class));
        assertTrue(Bridge.canUpdateInPlace(Device.class));
        assertTrue(Bridge.canUpdateInPlace(Person.class));
        assertThrows(BridgeException.class, () -> Bridge.updateInPlace(new Point(1, 2), parse(new Point(2, 3))));
    }

    @Test void updateInPlaceAssignsFieldsAndKeepsNestedInstances() {
        Person p = new Person();
        p.setName("Ada");
        Address home = p.address;
        List<String> tags = p.tags;
        Person wanted = new Person();
        wanted.setName("Grace");
        wanted.setAge(85);
        wanted.address.city = "Arlington";
        wanted.tags.add("navy");
        Bridge.updateInPlace(p, parse(wanted));
        assertEquals("Grace", p.getName());
        assertEquals(85, p.getAge());
        assertSame(home, p.address);
        assertEquals("Arlington", home.city);
        assertSame(tags, p.tags);
        assertEquals(List.of("navy"), tags);
    }

    @Test void updateInPlaceKeepsListElementsThatMovedOrChanged() {
        Inventory inv = new Inventory();
        Device a = new Device("a"), b = new Device("b");
        inv.devices.add(a);
        inv.devices.add(b);
        List<Device> list = inv.devices;
        Inventory wanted = new Inventory();
        Device b2 = new Device("b");
        Device a2 = new Device("a");
        a2.on = true;
        wanted.devices.add(b2);
        wanted.devices.add(a2);
        Bridge.updateInPlace(inv, parse(wanted));
        assertSame(list, inv.devices);
        assertSame(b, inv.devices.get(0)); // unchanged, moved
        assertSame(a, inv.devices.get(1)); // changed in place at its position
        assertTrue(a.on);
    }

    @Test void refusedUpdateLeavesTheObjectUntouched() {
        Person p = new Person();
        p.setName("Ada");
        p.address.city = "London";
        p.tags.add("math");
        Value before = parse(p);
        Value bad = ((MapValue) parse(p)).with("name", Value.of("Grace")).with("tags", Value.list(Value.of("x")))
                .with("address", Value.map(Map.of("city", Value.of("Paris"), "zip", Value.of("75001"))));
        BridgeException e = assertThrows(BridgeException.class, () -> Bridge.updateInPlace(p, bad));
        assertEquals(Path.parse("address", "zip"), e.path());
        assertEquals(before, parse(p));
        assertEquals("Ada", p.getName());
        assertEquals(List.of("math"), p.tags);
    }

    @Test void readOnlyPropertiesMayOnlyKeepTheirValue() {
        WithComputed w = new WithComputed();
        Bridge.updateInPlace(w, Value.map(Map.of("w", Value.of(4), "h", Value.of(3), "area", Value.of(6))));
        assertEquals(4, w.w);
        BridgeException e = assertThrows(BridgeException.class,
                () -> Bridge.updateInPlace(w, Value.map(Map.of("w", Value.of(5), "area", Value.of(100)))));
        assertEquals("at area: 'area' is read-only and cannot change", e.getMessage());
        assertEquals(4, w.w);
    }

    @Test void updateInPlaceReplacesAPolymorphicFieldWhoseTypeChanged() {
        Drawing d = new Drawing();
        d.main = new Circle();
        Drawing wanted = new Drawing();
        Square s = new Square();
        s.side = 3;
        wanted.main = s;
        Bridge.updateInPlace(d, parse(wanted));
        assertInstanceOf(Square.class, d.main);
        Circle c = new Circle();
        d.main = c;
        Circle c2 = new Circle();
        c2.r = 9;
        wanted.main = c2;
        Bridge.updateInPlace(d, parse(wanted));
        assertSame(c, d.main);
        assertEquals(9, c.r);
        assertNull(null);
        assertInstanceOf(ListValue.class, ((MapValue) parse(d)).get("figures"));
    }

    @Test void valuesHeldByObjectsTravelAsThemselves() {
        Value inner = Value.list(Value.of(1), Value.NULL);
        Map<String, Object> m = Map.of("raw", inner);
        assertSame(inner, ((MapValue) Bridge.toValue(m)).get("raw"));
        assertSame(inner, Bridge.fromValue(inner, Value.class));
        assertSame(Value.NULL, Bridge.fromValue(Value.NULL, Value.class));
        assertThrows(BridgeException.class, () -> Bridge.fromValue(Value.of(1), ListValue.class));
    }

    static class Quick {
        public String name;
        public boolean on;

        Quick(String name) { this(name, false); }

        Quick(String name, boolean on) {
            this.name = name;
            this.on = on;
        }
    }

    @Test void aClassWhoseConstructorTakesEveryFieldIsReadBackThroughIt() {
        Quick q = roundTrip(new Quick("lamp", true), Quick.class);
        assertEquals("lamp", q.name);
        assertTrue(q.on);
        assertTrue(Bridge.canUpdateInPlace(Quick.class));
    }

    @Test void mutableMapsAreRefilledInPlace() {
        Inventory inv = new Inventory();
        Map<String, Integer> stock = inv.stock;
        stock.put("a", 1);
        Inventory wanted = new Inventory();
        wanted.stock.put("b", 2);
        Bridge.updateInPlace(inv, parse(wanted));
        assertSame(stock, inv.stock);
        assertEquals(Map.of("b", 2), stock);
    }

    @Test void aClassWithNoWayToCreateItIsRefusedClearly() {
        class NoCtor {
            public int a;

            NoCtor(String s) { }
        }
        BridgeException e = assertThrows(BridgeException.class, () -> Bridge.fromValue(Value.map(Map.of()), NoCtor.class));
        assertEquals("at <root>: cannot create NoCtor: give it a no-argument constructor or a @JsonCreator constructor", e.getMessage());
    }

    @Test void readingAVeryDeepValueIsRefusedNotAStackOverflow() {
        Value v = Value.NULL;
        for (int i = 0; i < Value.MAX_DEPTH; i++) v = Value.list(v);
        Value deep = v;
        BridgeException e = assertThrows(BridgeException.class, () -> Bridge.fromValue(deep, Object.class));
        assertTrue(e.getMessage().contains("nested deeper than 512 levels"), e.getMessage());
        assertThrows(BridgeException.class, () -> Bridge.fromValue(deep, Object[].class));
    }
}
