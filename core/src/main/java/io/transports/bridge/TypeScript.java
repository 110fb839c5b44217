package io.transports.bridge;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * TypeScript declarations for a Java class: one {@code export interface} per record or bean reachable
 * from it, one string-literal union per enum, and for a polymorphic base a union of its subtypes (each
 * subtype carries its type property as a literal). Like {@link JsonSchema}, it describes the class's
 * data as plain JSON, the shape a front end works with after unwrapping the tagged wire form.
 *
 * <pre>{@code
 * String ts = TypeScript.of(Device.class);
 * // export interface Device {
 * //   name: string | null;
 * //   on: boolean;
 * // }
 * }</pre>
 *
 * <p>Reference types admit {@code null}; 64-bit integers map to {@code number} (exact up to 2^53).
 */
public final class TypeScript {
    private TypeScript() {}

    /** Declarations for {@code type} and every class it refers to, root first. */
    public static String of(Class<?> type) {
        List<String> decls = new ArrayList<>();
        for (Class<?> c : TypeWalk.named(type)) decls.add(declaration(c));
        if (decls.isEmpty()) decls.add("export type " + Names.typeName(type) + " = " + type(type) + ";\n");
        return String.join("\n", decls);
    }

    private static String declaration(Class<?> c) {
        String name = Names.typeName(c);
        if (Kind.of(c) == Kind.ENUM) {
            StringBuilder b = new StringBuilder("export type ").append(name).append(" = ");
            String[] names = Names.enums(c).names();
            for (int i = 0; i < names.length; i++) b.append(i > 0 ? " | " : "").append(literal(names[i]));
            return b.append(";\n").toString();
        }
        if (TypeWalk.union(c)) {
            StringBuilder b = new StringBuilder("export type ").append(name).append(" = ");
            int i = 0;
            for (Class<?> sub : Subtypes.of(c).byName.values()) {
                if (sub == c && TypeWalk.abstractType(c)) continue;
                b.append(i++ > 0 ? " | " : "").append(Names.typeName(sub));
            }
            return b.append(";\n").toString();
        }
        StringBuilder b = new StringBuilder("export interface ").append(name).append(" {\n");
        for (Prop p : Shape.of(c).props) {
            b.append("  ").append(key(p.name)).append(": ");
            b.append(p.kind == 'K' ? literal(((io.transports.value.StrValue) p.constant).value()) : type(p.type));
            b.append(";\n");
        }
        return b.append("}\n").toString();
    }

    static String type(Type t) {
        Class<?> c = FromValue.raw(t);
        String base = switch (Kind.of(c)) {
            case BOOL -> "boolean";
            case INTEGRAL, ATOMIC_INT, ATOMIC_LONG, BIG_INT, FLOATING, BIG_DEC, OPTIONAL_INT, OPTIONAL_LONG, OPTIONAL_DOUBLE -> "number";
            case CHAR, STRING, CHARSEQ, UUID, URI, TIME -> "string";
            case OPTIONAL -> {
                String inner = type(FromValue.arg(t, 0));
                yield inner.endsWith(" | null") ? inner.substring(0, inner.length() - 7) : inner;
            }
            case LIST, SET, COLLECTION -> "Array<" + type(FromValue.arg(t, 0)) + ">";
            case ARRAY -> c == char[].class ? "string" : "Array<" + type(FromValue.component(t)) + ">";
            case MAP -> "Record<string, " + type(FromValue.arg(t, 1)) + ">";
            case JSON_VALUE -> {
                String inner = type(Kind.jsonValue(c).getGenericReturnType());
                yield inner.endsWith(" | null") ? inner.substring(0, inner.length() - 7) : inner;
            }
            case ENUM -> Names.typeName(Names.enumClass(c));
            case OBJECT -> Names.typeName(c);
            default -> "unknown";
        };
        return c.isPrimitive() || base.equals("unknown") ? base : base + " | null";
    }

    private static String literal(String s) { return io.transports.value.ValueText.quote(s); }

    private static String key(String name) {
        return name.matches("[A-Za-z_$][A-Za-z0-9_$]*") ? name : literal(name);
    }
}
