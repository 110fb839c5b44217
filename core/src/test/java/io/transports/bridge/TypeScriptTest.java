package io.transports.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** TypeScript: expected declarations for small class families. */
class TypeScriptTest {

    @Test void declaresAnInterfacePerClassAndAUnionPerEnum() {
        assertEquals("""
            export interface Machine {
              counters: Record<string, number | null> | null;
              level: Level | null;
              name: string | null;
              on: boolean;
              parts: Array<Part | null> | null;
              serviced: string | null;
              watts: number;
            }

            export type Level = "LOW" | "very-high";

            export interface Part {
              label: string | null;
              price: number;
            }
            """, TypeScript.of(SchemaFixtures.Machine.class));
    }

    @Test void polymorphicBasesBecomeUnionsOfTaggedInterfaces() {
        assertEquals("""
            export interface Drawing {
              figures: Array<Figure | null> | null;
              main: Figure | null;
            }

            export type Figure = Circle | Square;

            export interface Circle {
              kind: "circle";
              r: number;
            }

            export interface Square {
              kind: "square";
              side: number;
            }
            """, TypeScript.of(Fixtures.Drawing.class));
    }

    @Test void quotesPropertyNamesThatAreNotIdentifiers() {
        class Odd {
            @com.fasterxml.jackson.annotation.JsonProperty("max-speed") public double maxSpeed;
        }
        assertEquals("export interface Odd {\n  \"max-speed\": number;\n}\n", TypeScript.of(Odd.class));
    }
}
