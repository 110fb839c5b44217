package io.transports.bridge;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bean Validation constraints ({@code jakarta.validation.constraints}) as JSON Schema keywords, for the
 * schema a form is built from. Read reflectively by annotation name, so core needs no Bean Validation
 * jar: without the API on the class path the annotations are simply not there. Each keyword a
 * constraint sets gets its message in {@code x-messages}, worded as the reference provider (Hibernate
 * Validator, English) reports it, so the form shows the same words a refusal would carry (a test
 * compares them with the provider's own messages). A custom {@code message} is used as written, with
 * {@code {attribute}} placeholders filled in.
 */
final class ConstraintSchema {
    private ConstraintSchema() {}

    static final String PACKAGE = "jakarta.validation.constraints.";

    /** Whether any of {@code sources} forbids null: {@code @NotNull}, {@code @NotBlank}, {@code @NotEmpty}, or a {@code @NonNull} of any library. */
    static boolean forbidsNull(AnnotatedElement[] sources) {
        for (AnnotatedElement e : sources) {
            for (Annotation a : e.getAnnotations()) {
                String n = a.annotationType().getName();
                if (n.equals(PACKAGE + "NotNull") || n.equals(PACKAGE + "NotBlank") || n.equals(PACKAGE + "NotEmpty")
                        || a.annotationType().getSimpleName().equals("NonNull")) return true;
            }
        }
        return false;
    }

    /** The message null gets, when a constraint forbids it, or null. */
    static String nullMessage(AnnotatedElement[] sources) {
        for (AnnotatedElement e : sources) {
            for (Annotation a : e.getAnnotations()) {
                String n = a.annotationType().getName();
                if (n.equals(PACKAGE + "NotNull") || n.equals(PACKAGE + "NotBlank") || n.equals(PACKAGE + "NotEmpty")) return message(a);
            }
        }
        return null;
    }

    /**
     * Adds the keywords of every constraint on {@code sources} to {@code node} (the schema of the value
     * itself, not its nullable wrapper); {@code kind} says whether sizes count characters, items or entries.
     */
    static void apply(AnnotatedElement[] sources, Map<String, Object> node, Kind kind) {
        Map<String, Object> messages = new LinkedHashMap<>();
        for (AnnotatedElement e : sources) {
            for (Annotation a : e.getAnnotations()) {
                String n = a.annotationType().getName();
                if (!n.startsWith(PACKAGE)) continue;
                String m = message(a);
                switch (n.substring(PACKAGE.length())) {
                    case "Min" -> lower(node, messages, BigDecimal.valueOf((Long) attr(a, "value")), true, m);
                    case "Max" -> upper(node, messages, BigDecimal.valueOf((Long) attr(a, "value")), true, m);
                    case "DecimalMin" -> lower(node, messages, new BigDecimal((String) attr(a, "value")), (Boolean) attr(a, "inclusive"), m);
                    case "DecimalMax" -> upper(node, messages, new BigDecimal((String) attr(a, "value")), (Boolean) attr(a, "inclusive"), m);
                    case "Positive" -> lower(node, messages, BigDecimal.ZERO, false, m);
                    case "PositiveOrZero" -> lower(node, messages, BigDecimal.ZERO, true, m);
                    case "Negative" -> upper(node, messages, BigDecimal.ZERO, false, m);
                    case "NegativeOrZero" -> upper(node, messages, BigDecimal.ZERO, true, m);
                    case "Size" -> size(node, messages, kind, (Integer) attr(a, "min"), (Integer) attr(a, "max"), m);
                    case "Pattern" -> {
                        node.put("pattern", attr(a, "regexp"));
                        messages.put("pattern", m);
                    }
                    case "Email" -> {
                        node.put("format", "email");
                        messages.put("format", m);
                    }
                    case "NotBlank" -> {
                        node.put("minLength", Math.max(1, ((Number) node.getOrDefault("minLength", 0)).intValue()));
                        node.put("x-not-blank", true);
                        messages.put("minLength", m);
                        messages.put("x-not-blank", m);
                    }
                    case "NotEmpty" -> size(node, messages, kind, 1, Integer.MAX_VALUE, m);
                    default -> { } // NotNull is nullability; others (Past, Digits, ...) are checked by Java only
                }
            }
        }
        if (!messages.isEmpty()) node.put("x-messages", messages);
    }

    private static void lower(Map<String, Object> node, Map<String, Object> messages, BigDecimal v, boolean inclusive, String m) {
        Object old = node.get("minimum");
        if (inclusive) {
            if (old == null || v.compareTo(new BigDecimal(old.toString())) > 0) node.put("minimum", number(v));
            messages.put("minimum", m);
        } else {
            node.put("exclusiveMinimum", number(v));
            if (old != null && new BigDecimal(old.toString()).compareTo(v) <= 0) node.remove("minimum");
            messages.put("exclusiveMinimum", m);
        }
    }

    private static void upper(Map<String, Object> node, Map<String, Object> messages, BigDecimal v, boolean inclusive, String m) {
        Object old = node.get("maximum");
        if (inclusive) {
            if (old == null || v.compareTo(new BigDecimal(old.toString())) < 0) node.put("maximum", number(v));
            messages.put("maximum", m);
        } else {
            node.put("exclusiveMaximum", number(v));
            if (old != null && new BigDecimal(old.toString()).compareTo(v) >= 0) node.remove("maximum");
            messages.put("exclusiveMaximum", m);
        }
    }

    /** A bound as a JSON number: an integer when it is one, else a decimal. */
    private static Object number(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        if (s.scale() <= 0 && s.toBigInteger().bitLength() < 63) return s.longValueExact();
        return s;
    }

    private static void size(Map<String, Object> node, Map<String, Object> messages, Kind kind, int min, int max, String m) {
        String[] words = switch (kind) {
            case LIST, SET, COLLECTION, ARRAY -> new String[] {"minItems", "maxItems"};
            case MAP -> new String[] {"minProperties", "maxProperties"};
            default -> new String[] {"minLength", "maxLength"};
        };
        if (min > 0) {
            node.put(words[0], min);
            messages.put(words[0], m);
        }
        if (max < Integer.MAX_VALUE) {
            node.put(words[1], max);
            messages.put(words[1], m);
        }
    }

    private static Object attr(Annotation a, String name) {
        try {
            Method m = a.annotationType().getMethod(name);
            m.trySetAccessible();
            return m.invoke(a);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + name + " of " + a, e);
        }
    }

    /**
     * The constraint's message: the provider's own interpolation when one is on the class path, else the
     * reference provider's English default with the annotation's attributes filled in.
     */
    static String message(Annotation a) {
        String template = (String) attr(a, "message");
        String key = a.annotationType().getSimpleName();
        if (template.equals("{" + PACKAGE + key + ".message}")) {
            if (key.equals("DecimalMin") || key.equals("DecimalMax")) { // its template is an expression on "inclusive"
                return "must be " + (key.equals("DecimalMin") ? "greater" : "less") + " than "
                        + ((Boolean) attr(a, "inclusive") ? "or equal to " : "") + attr(a, "value");
            }
            template = DEFAULTS.getOrDefault(key, template);
        }
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            int close = template.indexOf('}', i);
            if (c == '{' && close > i) {
                String name = template.substring(i + 1, close);
                try {
                    b.append(attr(a, name));
                } catch (IllegalStateException e) {
                    b.append('{').append(name).append('}');
                }
                i = close + 1;
            } else {
                b.append(c);
                i++;
            }
        }
        return b.toString();
    }

    /** Hibernate Validator's English messages for the standard constraints (its ValidationMessages.properties). */
    private static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("Min", "must be greater than or equal to {value}"),
            Map.entry("Max", "must be less than or equal to {value}"),
            Map.entry("Positive", "must be greater than 0"),
            Map.entry("PositiveOrZero", "must be greater than or equal to 0"),
            Map.entry("Negative", "must be less than 0"),
            Map.entry("NegativeOrZero", "must be less than or equal to 0"),
            Map.entry("Size", "size must be between {min} and {max}"),
            Map.entry("Pattern", "must match \"{regexp}\""),
            Map.entry("Email", "must be a well-formed email address"),
            Map.entry("NotNull", "must not be null"),
            Map.entry("NotBlank", "must not be blank"),
            Map.entry("NotEmpty", "must not be empty"));

}
