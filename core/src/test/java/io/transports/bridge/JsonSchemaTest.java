package io.transports.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** JsonSchema: expected text for small class families (FormSchemaTest checks each form keyword on its own). */
class JsonSchemaTest {

    @Test void describesTheFieldsOfAClassWithNestedRecordsAndEnumsAsDefs() {
        assertEquals("""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "title": "Machine",
              "x-java": "Machine",
              "type": "object",
              "properties": {
                "name": {
                  "anyOf": [
                    {"type": "string", "x-java": "String"},
                    {"type": "null"}
                  ],
                  "x-java": "String"
                },
                "on": {"type": "boolean", "x-java": "boolean"},
                "watts": {
                  "type": "integer",
                  "format": "int32",
                  "minimum": -2147483648,
                  "maximum": 2147483647,
                  "x-java": "int"
                },
                "level": {
                  "anyOf": [
                    {"$ref": "#/$defs/Level", "x-java": "Level"},
                    {"type": "null"}
                  ],
                  "x-java": "Level"
                },
                "parts": {
                  "anyOf": [
                    {
                      "type": "array",
                      "items": {
                        "$ref": "#/$defs/Part",
                        "x-java": "Part",
                        "default": {"label": "", "price": 0.0}
                      },
                      "x-java": "List<Part>"
                    },
                    {"type": "null"}
                  ],
                  "x-java": "List<Part>"
                },
                "counters": {
                  "anyOf": [
                    {
                      "type": "object",
                      "additionalProperties": {
                        "type": "integer",
                        "format": "int32",
                        "minimum": -2147483648,
                        "maximum": 2147483647,
                        "x-java": "Integer",
                        "default": 0
                      },
                      "propertyNames": {"type": "string", "x-java": "String"},
                      "x-java": "Map<String, Integer>"
                    },
                    {"type": "null"}
                  ],
                  "x-java": "Map<String, Integer>"
                },
                "serviced": {
                  "anyOf": [
                    {
                      "type": "string",
                      "format": "date",
                      "x-java": "LocalDate"
                    },
                    {"type": "null"}
                  ],
                  "x-java": "Optional<LocalDate>"
                }
              },
              "x-order": ["name", "on", "watts", "level", "parts", "counters", "serviced"],
              "required": ["on", "watts"],
              "additionalProperties": false,
              "default": {
                "counters": null,
                "level": null,
                "name": null,
                "on": false,
                "parts": null,
                "serviced": null,
                "watts": 0
              },
              "$defs": {
                "Level": {
                  "title": "Level",
                  "x-java": "Level",
                  "type": "string",
                  "enum": ["LOW", "very-high"]
                },
                "Part": {
                  "title": "Part",
                  "x-java": "Part",
                  "type": "object",
                  "properties": {
                    "label": {
                      "anyOf": [
                        {"type": "string", "x-java": "String"},
                        {"type": "null"}
                      ],
                      "x-java": "String"
                    },
                    "price": {
                      "type": "number",
                      "format": "double",
                      "x-java": "double"
                    }
                  },
                  "x-order": ["label", "price"],
                  "required": ["price"],
                  "additionalProperties": false,
                  "default": {"label": "", "price": 0.0}
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
              "x-java": "Drawing",
              "type": "object",
              "properties": {
                "figures": {
                  "anyOf": [
                    {
                      "type": "array",
                      "items": {"$ref": "#/$defs/Figure", "x-java": "Figure"},
                      "x-java": "List<Figure>"
                    },
                    {"type": "null"}
                  ],
                  "x-java": "List<Figure>"
                },
                "main": {
                  "anyOf": [
                    {"$ref": "#/$defs/Figure", "x-java": "Figure"},
                    {"type": "null"}
                  ],
                  "x-java": "Figure"
                }
              },
              "x-order": ["figures", "main"],
              "required": [],
              "additionalProperties": false,
              "default": {"figures": [], "main": null},
              "$defs": {
                "Figure": {
                  "title": "Figure",
                  "x-java": "Figure",
                  "oneOf": [
                    {"$ref": "#/$defs/Circle"},
                    {"$ref": "#/$defs/Square"}
                  ]
                },
                "Circle": {
                  "title": "Circle",
                  "x-java": "Circle",
                  "type": "object",
                  "properties": {
                    "kind": {"const": "circle"},
                    "r": {
                      "type": "number",
                      "format": "double",
                      "x-java": "double"
                    }
                  },
                  "x-order": ["kind", "r"],
                  "required": ["kind", "r"],
                  "additionalProperties": false,
                  "default": {"kind": "circle", "r": 0.0}
                },
                "Square": {
                  "title": "Square",
                  "x-java": "Square",
                  "type": "object",
                  "properties": {
                    "kind": {"const": "square"},
                    "side": {
                      "type": "number",
                      "format": "double",
                      "x-java": "double"
                    }
                  },
                  "x-order": ["kind", "side"],
                  "required": ["kind", "side"],
                  "additionalProperties": false,
                  "default": {"kind": "square", "side": 0.0}
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
