package io.transports.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.transports.bridge.FormFixtures.*;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What JsonSchema tells a form, one feature per test (docs/jupyter.md, WIDGET schema message). */
class FormSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode schema(Class<?> c) { return JSON.valueToTree(JsonSchema.tree(c)); }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test void propertiesFollowDeclarationOrderAndXOrderRepeatsIt() {
        JsonNode s = schema(Ordered.class);
        assertEquals(List.of("zebra", "apple", "10"), texts(s.get("x-order")));
        List<String> keys = new ArrayList<>();
        s.get("properties").fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("zebra", "apple", "10"), keys);
    }

    @Test void jsonPropertyOrderPutsTheNamedPropertiesFirst() {
        assertEquals(List.of("second", "first", "third"), texts(schema(Reordered.class).get("x-order")));
    }

    @Test void descriptionsComeFromJacksonAnnotations() {
        JsonNode s = schema(Described.class);
        assertEquals("A thing with words", s.get("description").asText());
        assertEquals("what it is called", s.at("/properties/name/description").asText());
        assertEquals("Described", s.get("title").asText());
    }

    @Test void everyNodeSaysItsJavaType() {
        JsonNode s = schema(Containers.class);
        assertEquals("List<Item>", s.at("/properties/items/x-java").asText());
        assertEquals("Item", s.at("/properties/items/anyOf/0/items/x-java").asText());
        assertEquals("Map<String, Integer>", s.at("/properties/counts/x-java").asText());
        assertEquals("int[]", s.at("/properties/numbers/x-java").asText());
        assertEquals("int", schema(Widths.class).at("/properties/i/x-java").asText());
    }

    @Test void integersCarryTheirWidthAndBoundsAndFloatsTheirFormat() {
        JsonNode p = schema(Widths.class).get("properties");
        assertEquals("int8", p.at("/b/format").asText());
        assertEquals(-128, p.at("/b/minimum").asInt());
        assertEquals(127, p.at("/b/maximum").asInt());
        assertEquals("int16", p.at("/s/format").asText());
        assertEquals(32767, p.at("/s/maximum").asInt());
        assertEquals("int32", p.at("/i/format").asText());
        assertEquals(Integer.MAX_VALUE, p.at("/i/maximum").asInt());
        assertEquals("int64", p.at("/l/format").asText());
        assertEquals(Long.MIN_VALUE, p.at("/l/minimum").asLong());
        assertEquals("int32", p.at("/boxed/anyOf/0/format").asText());
        assertEquals("float", p.at("/f/format").asText());
        assertEquals("number", p.at("/d/type").asText());
        assertEquals("double", p.at("/d/format").asText());
        assertEquals("double", p.at("/boxedD/anyOf/0/format").asText());
        assertEquals("integer", p.at("/big/anyOf/0/type").asText());
        assertEquals("big-integer", p.at("/big/anyOf/0/format").asText());
        assertEquals("number", p.at("/money/anyOf/0/type").asText());
        assertEquals("big-decimal", p.at("/money/anyOf/0/format").asText());
        assertEquals(1, p.at("/c/maxLength").asInt());
    }

    @Test void javaTimeTypesAreStringsWithTheirFormat() {
        JsonNode p = schema(Times.class).get("properties");
        assertEquals("date", p.at("/day/anyOf/0/format").asText());
        assertEquals("time", p.at("/at/anyOf/0/format").asText());
        assertEquals("x-local-date-time", p.at("/local/anyOf/0/format").asText());
        assertEquals("date-time", p.at("/instant/anyOf/0/format").asText());
        assertEquals("date-time", p.at("/offset/anyOf/0/format").asText());
        assertEquals("date-time", p.at("/zoned/anyOf/0/format").asText());
        assertEquals("duration", p.at("/length/anyOf/0/format").asText());
        assertEquals("uuid", p.at("/id/anyOf/0/format").asText());
        assertEquals("string", p.at("/day/anyOf/0/type").asText());
    }

    @Test void enumsAreDefsListingTheirWireNames() {
        JsonNode s = schema(WithEnum.class);
        assertEquals("#/$defs/Mode", s.at("/properties/mode/anyOf/0/$ref").asText());
        assertEquals(List.of("ECO", "NORMAL", "TURBO"), texts(s.at("/$defs/Mode/enum")));
    }

    @Test void referencesAndOptionalsAreNullableUnlessANotNullSaysOtherwise() {
        JsonNode s = schema(Nulls.class);
        JsonNode p = s.get("properties");
        assertEquals("null", p.at("/maybe/anyOf/1/type").asText());
        assertEquals("string", p.at("/sure/type").asText());
        assertFalse(p.get("sure").has("anyOf"));
        assertEquals("must not be null", p.at("/sure/x-messages/required").asText());
        assertFalse(p.get("alsoSure").has("anyOf"), "any @NonNull counts");
        assertFalse(p.get("primitive").has("anyOf"));
        assertEquals("Optional<String>", p.at("/optional/x-java").asText());
        assertEquals("String", p.at("/optional/anyOf/0/x-java").asText());
        assertEquals("null", p.at("/optionalInt/anyOf/1/type").asText());
        assertEquals(List.of("sure", "alsoSure", "primitive"), texts(s.get("required")));
    }

    @Test void listsSetsAndMapsDescribeTheirElementsAndKeys() {
        JsonNode p = schema(Containers.class).get("properties");
        assertEquals("array", p.at("/items/anyOf/0/type").asText());
        assertEquals("#/$defs/Item", p.at("/items/anyOf/0/items/$ref").asText());
        assertTrue(p.at("/tags/anyOf/0/uniqueItems").asBoolean());
        assertEquals("string", p.at("/tags/anyOf/0/items/type").asText());
        assertEquals("int32", p.at("/counts/anyOf/0/additionalProperties/format").asText());
        assertEquals("string", p.at("/counts/anyOf/0/propertyNames/type").asText());
        assertEquals(List.of("ECO", "NORMAL", "TURBO"), texts(p.at("/byMode/anyOf/0/propertyNames/enum")));
        assertEquals("double", p.at("/byMode/anyOf/0/additionalProperties/format").asText());
        assertEquals("^-?[0-9]+$", p.at("/byNumber/anyOf/0/propertyNames/pattern").asText());
        assertEquals("Integer", p.at("/byNumber/anyOf/0/propertyNames/x-java").asText());
        assertEquals("int32", p.at("/numbers/anyOf/0/items/format").asText());
    }

    @Test void newItemsGetADefaultFromZeroValuesOrTheNoArgumentConstructor() {
        JsonNode s = schema(HoldsBean.class);
        JsonNode bean = s.at("/properties/beans/anyOf/0/items/default");
        assertEquals("new", bean.get("label").asText());
        assertEquals(3, bean.get("size").asInt());
        assertTrue(bean.get("items").isArray());
        JsonNode item = s.at("/properties/named/anyOf/0/additionalProperties/default");
        assertEquals("", item.get("title").asText());
        assertEquals(0, item.get("qty").asInt());
        assertEquals(item, s.at("/$defs/Item/default"));
        assertEquals(0, schema(Containers.class).at("/properties/counts/anyOf/0/additionalProperties/default").asInt());
        assertEquals("ECO", JSON.valueToTree(JsonSchema.tree(WithEnum.class)).at("/default/mode").asText());
        assertFalse(schema(HoldsNoDefault.class).at("/properties/list/anyOf/0/items").has("default"),
                "no default when the only constructor refuses zero");
    }

    @Test void constraintsBecomeKeywordsWithTheirMessages() {
        JsonNode p = schema(Constrained.class).get("properties");
        assertEquals(0, p.at("/speed/minimum").asInt());
        assertEquals(100, p.at("/speed/maximum").asInt());
        assertEquals("must be less than or equal to 100", p.at("/speed/x-messages/maximum").asText());
        assertEquals(0, p.at("/rate/exclusiveMinimum").asInt());
        assertFalse(p.get("rate").has("minimum"));
        assertEquals(0, p.at("/count/minimum").asInt());
        assertEquals(0, p.at("/below/exclusiveMaximum").asInt());
        assertFalse(p.get("below").has("maximum"), "the width's maximum is above the exclusive bound");
        assertEquals(new BigDecimal("0.5"), p.at("/price/anyOf/0/minimum").decimalValue());
        assertEquals(new BigDecimal("9.5"), p.at("/price/anyOf/0/exclusiveMaximum").decimalValue());
        assertEquals("must be less than 9.5", p.at("/price/anyOf/0/x-messages/exclusiveMaximum").asText());
        assertEquals(2, p.at("/code/anyOf/0/minLength").asInt());
        assertEquals(10, p.at("/code/anyOf/0/maxLength").asInt());
        assertEquals("size must be between 2 and 10", p.at("/code/anyOf/0/x-messages/maxLength").asText());
        assertEquals(3, p.at("/few/anyOf/0/maxItems").asInt());
        assertFalse(p.at("/few/anyOf/0").has("minItems"));
        assertEquals(1, p.at("/some/minItems").asInt());
        assertFalse(p.get("some").has("anyOf"), "@NotEmpty forbids null");
        assertEquals("[a-z]+", p.at("/word/anyOf/0/pattern").asText());
        assertEquals("email", p.at("/mail/anyOf/0/format").asText());
        assertEquals(1, p.at("/title/minLength").asInt());
        assertTrue(p.at("/title/x-not-blank").asBoolean());
        assertEquals("must not be blank", p.at("/title/x-messages/x-not-blank").asText());
        assertEquals("at least 1, please", p.at("/custom/x-messages/minimum").asText());
    }

    @Test void constraintsOnTypeArgumentsGoOnTheirElements() {
        JsonNode p = schema(TypeArguments.class).get("properties");
        JsonNode value = p.at("/stock/anyOf/0/additionalProperties");
        assertEquals(0, value.get("minimum").asInt());
        assertEquals("must be greater than or equal to 0", value.at("/x-messages/minimum").asText());
        assertFalse(p.at("/stock/anyOf/0").has("minimum"), "the map itself is not constrained");
        assertTrue(p.at("/tags/anyOf/0/items/x-not-blank").asBoolean());
        assertEquals(3, p.at("/code/anyOf/0/maxLength").asInt());
        assertEquals("String", p.at("/code/anyOf/0/x-java").asText());
    }

    /** The words in x-messages are the ones the provider reports for the same broken constraint. */
    @Test void messagesMatchWhatTheProviderReports() {
        Validator v = Validation.buildDefaultValidatorFactory().getValidator();
        Constrained bad = new Constrained(101, -1, -1, 1, new BigDecimal("9.5"), "x", List.of("a", "b", "c", "d"),
                List.of(), "A1", "not-a-mail", " ", 0);
        Set<ConstraintViolation<Constrained>> violations = v.validate(bad);
        assertEquals(12, violations.size());
        JsonNode p = schema(Constrained.class).get("properties");
        for (ConstraintViolation<Constrained> cv : violations) {
            String prop = cv.getPropertyPath().toString();
            JsonNode node = p.get(prop).has("anyOf") ? p.get(prop).get("anyOf").get(0) : p.get(prop);
            List<String> words = new ArrayList<>();
            node.get("x-messages").forEach(m -> words.add(m.asText()));
            assertTrue(words.contains(cv.getMessage()), prop + ": " + cv.getMessage() + " not in " + words);
        }
    }
}
