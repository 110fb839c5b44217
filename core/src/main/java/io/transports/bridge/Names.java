package io.transports.bridge;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.transports.value.StrValue;
import io.transports.value.Value;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.Map;

/**
 * Names as people and the wire see them: the type name a snapshot carries (the simple name, with
 * JShell's synthetic wrapper dropped), bean property names, readable type names for error messages,
 * and the wire names of enum constants (their {@code name()}, or their {@code @JsonProperty}).
 */
final class Names {
    private Names() {}

    static String typeName(Class<?> c) {
        if (c.isArray()) return typeName(c.getComponentType()) + "[]";
        String s = c.getSimpleName();
        if (!s.isEmpty()) return s;
        String n = c.getName(); // anonymous or hidden: keep the last segment
        int cut = Math.max(n.lastIndexOf('.'), n.lastIndexOf('$'));
        return n.substring(cut + 1);
    }

    /** A short readable form of a Java type for messages and schemas: {@code List<Device>}. */
    static String describe(Type t) {
        if (t instanceof Class<?> c) return typeName(c);
        if (t instanceof ParameterizedType p) {
            StringBuilder b = new StringBuilder(describe(p.getRawType())).append('<');
            Type[] a = p.getActualTypeArguments();
            for (int i = 0; i < a.length; i++) b.append(i > 0 ? ", " : "").append(describe(a[i]));
            return b.append('>').toString();
        }
        if (t instanceof GenericArrayType g) return describe(g.getGenericComponentType()) + "[]";
        return t.getTypeName();
    }

    /** Jackson's default bean naming: getURL -> url, getName -> name, isOn -> on. */
    static String beanName(String methodName, int prefix) {
        String s = methodName.substring(prefix);
        if (s.isEmpty()) return null;
        int i = 0;
        char[] a = s.toCharArray();
        while (i < a.length && Character.isUpperCase(a[i])) {
            a[i] = Character.toLowerCase(a[i]);
            i++;
        }
        return new String(a);
    }

    /** A Value shown briefly in an error message: {@code Str "abc"}, {@code Int 7}, {@code List}. */
    static String brief(Value v) {
        String t = v.toString();
        String body = switch (v.tag()) {
            case "Null" -> "";
            case "List", "Map" -> "";
            default -> " " + t.substring(t.indexOf(':') + 1, t.length() - 1);
        };
        if (body.length() > 42) body = body.substring(0, 40) + "…";
        return v.tag() + body;
    }

    /** Wire names of an enum's constants, by ordinal, and the reverse lookup. */
    static final class EnumNames {
        final Enum<?>[] constants;
        final StrValue[] values;
        final Map<String, Enum<?>> byName = new HashMap<>();

        EnumNames(Class<?> type) {
            constants = (Enum<?>[]) type.getEnumConstants();
            values = new StrValue[constants.length];
            for (Enum<?> e : constants) {
                String name = e.name();
                try {
                    Field f = type.getDeclaredField(e.name());
                    JsonProperty p = f.getAnnotation(JsonProperty.class);
                    if (p != null && !p.value().isEmpty()) name = p.value();
                } catch (NoSuchFieldException ignored) {
                    // a constant always has its field
                }
                values[e.ordinal()] = new StrValue(name);
                byName.put(name, e);
            }
        }

        String[] names() {
            String[] s = new String[values.length];
            for (int i = 0; i < s.length; i++) s[i] = values[i].value();
            return s;
        }
    }

    private static final ClassValue<EnumNames> ENUMS = new ClassValue<>() {
        @Override protected EnumNames computeValue(Class<?> type) { return new EnumNames(type); }
    };

    /** The enum class that declares constants (constant bodies are anonymous subclasses). */
    static Class<?> enumClass(Class<?> c) {
        return c.isEnum() ? c : c.getSuperclass();
    }

    static EnumNames enums(Class<?> c) { return ENUMS.get(enumClass(c)); }
}
