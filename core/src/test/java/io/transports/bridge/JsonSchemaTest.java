package io.transports.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** JsonSchema: expected text for small class families. */
class JsonSchemaTest {

    @Test void describesTheFieldsOfAClassWithNestedRecordsAndEnumsAsDefs() {
        assertEquals("""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "title": "Machine",
              "type": "object",
              "properties": {
                "counters": {
                  "type": ["object", "null"],
                  "additionalProperties": {"type": ["integer", "null"]}
                },
                "level": {
                  "anyOf": [
                    {"$ref": "#/$defs/Level"},
                    {"type": "null"}
                  ]
                },
                "name": {"type": ["string", "null"]},
                "on": {"type": "boolean"},
                "parts": {
                  "type": ["array", "null"],
                  "items": {
                    "anyOf": [
                      {"$ref": "#/$defs/Part"},
                      {"type": "null"}
                    ]
                  }
                },
                "serviced": {"type": ["string", "null"], "format": "date"},
                "watts": {"type": "integer"}
              },
              "required": ["counters", "level", "name", "on", "parts", "serviced", "watts"],
              "additionalProperties": false,
              "$defs": {
                "Level": {"enum": ["LOW", "very-high"]},
                "Part": {
                  "type": "object",
                  "properties": {
                    "label": {"type": ["string", "null"]},
                    "price": {"type": "number"}
                  },
                  "required": ["label", "price"],
                  "additionalProperties": false
                }
              }
            }
            """, JsonSchema.of(SchemaFixtures.Machine.class));
    }

    @Test void polymorphicBasesBecomeOneOfWithTheTypePropertyAsConst() {
        assertEquals("""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "title": "Drawing",
              "type": "object",
              "properties": {
                "figures": {
                  "type": ["array", "null"],
                  "items": {
                    "anyOf": [
                      {"$ref": "#/$defs/Figure"},
                      {"type": "null"}
                    ]
                  }
                },
                "main": {
                  "anyOf": [
                    {"$ref": "#/$defs/Figure"},
                    {"type": "null"}
                  ]
                }
              },
              "required": ["figures", "main"],
              "additionalProperties": false,
              "$defs": {
                "Figure": {
                  "oneOf": [
                    {"$ref": "#/$defs/Circle"},
                    {"$ref": "#/$defs/Square"}
                  ]
                },
                "Circle": {
                  "type": "object",
                  "properties": {
                    "kind": {"const": "circle"},
                    "r": {"type": "number"}
                  },
                  "required": ["kind", "r"],
                  "additionalProperties": false
                },
                "Square": {
                  "type": "object",
                  "properties": {
                    "kind": {"const": "square"},
                    "side": {"type": "number"}
                  },
                  "required": ["kind", "side"],
                  "additionalProperties": false
                }
              }
            }
            """, JsonSchema.of(Fixtures.Drawing.class));
    }

    @Test void isValidJson() throws Exception {
        var tree = new ObjectMapper().readTree(JsonSchema.of(Fixtures.Person.class));
        assertEquals(JsonSchema.DIALECT, tree.get("$schema").asText());
        assertTrue(tree.get("$defs").has("Address"));
    }
}
