package io.transports.codec;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.transports.Transports;
import io.transports.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.Test;

/** Values to and from Jackson trees and Map/List/boxed data, without text: kinds, round trips, errors with paths. */
class PlainDataTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Value lamp = Transports.parseValue(
            "{\"Map\":{\"name\":{\"Str\":\"lamp\"},\"on\":{\"Bool\":true},\"level\":{\"Int\":7},\"temp\":{\"Float\":21.0},"
                    + "\"tags\":{\"List\":[{\"Str\":\"a\"},\"Null\"]}}}");

    @Test void aValueBecomesTheJacksonTreeOfItsPlainJson() throws Exception {
        JsonNode n = PlainData.toJsonNode(lamp);
        assertEquals("{\"level\":7,\"name\":\"lamp\",\"on\":true,\"tags\":[\"a\",null],\"temp\":21.0}", MAPPER.writeValueAsString(n));
        assertTrue(n.get("level").isLong());
        assertTrue(n.get("temp").isDouble(), "a Float stays a floating-point node, 21.0 included");
        assertEquals(lamp, PlainData.fromJsonNode(n));
    }

    @Test void aValueBecomesMapsListsAndBoxedScalars() {
        Object plain = PlainData.toPlain(lamp);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("level", 7L);
        expected.put("name", "lamp");
        expected.put("on", true);
        expected.put("tags", Arrays.asList("a", null));
        expected.put("temp", 21.0);
        assertEquals(expected, plain);
        assertEquals(List.of("level", "name", "on", "tags", "temp"), List.copyOf(((Map<?, ?>) plain).keySet()), "wire key order");
        assertThrows(UnsupportedOperationException.class, () -> ((Map<String, Object>) plain).put("x", 1));
        assertEquals(lamp, PlainData.fromPlain(plain));
    }

    @Test void plainDataOfEveryJavaShapeIsRead() throws Exception {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("i", 3);
        in.put("s", (short) 4);
        in.put("big", BigInteger.valueOf(Long.MAX_VALUE));
        in.put("f", 1.5f);
        in.put("d", new BigDecimal("2.25"));
        in.put("c", 'x');
        in.put("arr", new Object[] {1L, "two"});
        in.put("tree", MAPPER.readTree("{\"k\":[1,2.5]}"));
        in.put("value", Value.submodel(9));
        assertEquals(Transports.parseValue("{\"Map\":{\"arr\":{\"List\":[{\"Int\":1},{\"Str\":\"two\"}]},\"big\":{\"Int\":9223372036854775807},"
                + "\"c\":{\"Str\":\"x\"},\"d\":{\"Float\":2.25},\"f\":{\"Float\":1.5},\"i\":{\"Int\":3},\"s\":{\"Int\":4},"
                + "\"tree\":{\"Map\":{\"k\":{\"List\":[{\"Int\":1},{\"Float\":2.5}]}}},\"value\":{\"Submodel\":9}}}"), PlainData.fromPlain(in));
        assertEquals(Value.submodel(9), PlainData.toPlain(Value.submodel(9)), "a Submodel has no plain form and stays itself");
    }

    @Test void whatHasNoValueFormIsRefusedWithItsPath() throws Exception {
        assertEquals("items[1].price: a Float must be finite, got NaN", assertThrows(IllegalArgumentException.class,
                () -> PlainData.fromPlain(Map.of("items", List.of(Map.of(), Map.of("price", Double.NaN))))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PlainData.fromPlain(Map.of("n", BigInteger.ONE.shiftLeft(64))))
                .getMessage().startsWith("n: integer 18446744073709551616 is outside the 64-bit range"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PlainData.fromPlain(Map.of(1, "x"))).getMessage().contains("map keys must be strings"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PlainData.fromPlain(List.of(new StringBuilder())))
                .getMessage().startsWith("[0]: a java.lang.StringBuilder is not plain data"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PlainData.fromJsonNode(MAPPER.readTree("{\"a\":[18446744073709551616]}")))
                .getMessage().startsWith("a[0]: integer"));
        assertEquals("ref: a Submodel (3) has no plain JSON form", assertThrows(IllegalArgumentException.class,
                () -> PlainData.toJsonNode(Value.map(Map.of("ref", Value.submodel(3))))).getMessage());
    }

    @Property(tries = 200) void everyValueWithoutSubmodelsRoundTripsThroughATreeAndPlainData(@ForAll("values") Value v) throws Exception {
        assertEquals(v, PlainData.fromJsonNode(PlainData.toJsonNode(v)));
        assertEquals(v, PlainData.fromPlain(PlainData.toPlain(v)));
        assertEquals(v, PlainData.fromJsonNode(MAPPER.readTree(MAPPER.writeValueAsString(PlainData.toPlain(v)))),
                "the plain data Jackson writes reads back as the same value");
    }

    @Provide Arbitrary<Value> values() { return Generators.values().filter(PlainDataTest::noSubmodel); }

    private static boolean noSubmodel(Value v) { return !v.toString().contains("\"Submodel\""); }
}
