package io.transports.bridge;

import io.transports.value.Path;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Jakarta Bean Validation of proposals, when a provider (Hibernate Validator, say) is on the class
 * path; without one, {@link #check} accepts everything, as before. Used reflectively so that core has
 * no dependency on the API: nothing here loads a {@code jakarta.validation} class unless it is there.
 *
 * <p>Only what mirrors propose is checked (the object read back from a proposal); what the host's own
 * code writes is never validated, because the host is the authority over its objects. Set the system
 * property {@code transports.validation=false} to turn the check off even with a provider present.
 */
public final class BeanValidation {
    private BeanValidation() {}

    private static final Object NONE = new Object();
    private static volatile Object validator; // a jakarta.validation.Validator, NONE, or null before the first look
    private static volatile String unavailable;
    private static volatile String lastFailure;

    /** Why the validator last failed on an object (that object was then treated as valid), or null. */
    public static String lastFailure() { return lastFailure; }

    /** Whether proposals are validated: a provider was found and validation is not switched off. */
    public static boolean active() { return validator() != NONE; }

    /** Why proposals are not validated (no provider, or switched off), or null when they are. */
    public static String whyInactive() {
        validator();
        return unavailable;
    }

    /**
     * Every constraint {@code object} breaks, one {@code at <path>: <message>} per violation, sorted and
     * joined with "; " — or null when it breaks none (or nothing validates). Paths use the wire names.
     */
    public static String check(Object object) {
        TreeSet<String> lines = violations(object);
        return lines.isEmpty() ? null : String.join("; ", lines);
    }

    /**
     * The violations of {@code candidate} that {@code current} does not already have, as {@link #check}
     * words them, or null. A proposal is refused for what it breaks, not for what the host's own writes
     * left broken elsewhere in the object (the host is not validated).
     */
    public static String newViolations(Object candidate, Object current) {
        TreeSet<String> lines = violations(candidate);
        if (lines.isEmpty()) return null;
        lines.removeAll(violations(current));
        return lines.isEmpty() ? null : String.join("; ", lines);
    }

    private static TreeSet<String> violations(Object object) {
        TreeSet<String> lines = new TreeSet<>();
        Object v = validator();
        if (v == NONE || object == null) return lines;
        Set<?> violations;
        try {
            Method validate = v.getClass().getMethod("validate", Object.class, Class[].class);
            validate.trySetAccessible();
            violations = (Set<?>) validate.invoke(v, object, new Class<?>[0]);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // a validator that cannot handle this class must not block edits that work without it
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            lastFailure = "validating a " + Names.typeName(object.getClass()) + " failed: " + cause;
            return lines;
        }
        for (Object violation : violations) {
            try {
                Object path = call(violation, "getPropertyPath");
                String message = (String) call(violation, "getMessage");
                lines.add("at " + wirePath((Iterable<?>) path, object.getClass()).display() + ": " + message);
            } catch (ReflectiveOperationException e) {
                lines.add("at <root>: " + violation);
            }
        }
        return lines;
    }

    /** Forget the validator found (tests switch the property). */
    static void reset() {
        validator = null;
        unavailable = null;
    }

    private static Object validator() {
        Object v = validator;
        if (v != null) return v;
        synchronized (BeanValidation.class) {
            if (validator != null) return validator;
            if ("false".equals(System.getProperty("transports.validation"))) {
                unavailable = "switched off by -Dtransports.validation=false";
                return validator = NONE;
            }
            try {
                ClassLoader loader = BeanValidation.class.getClassLoader();
                Class<?> validation = Class.forName("jakarta.validation.Validation", true, loader);
                Object factory = validation.getMethod("buildDefaultValidatorFactory").invoke(null);
                Method get = factory.getClass().getMethod("getValidator");
                get.trySetAccessible();
                validator = get.invoke(factory);
            } catch (ClassNotFoundException | LinkageError e) {
                unavailable = "jakarta.validation is not on the class path";
                validator = NONE;
            } catch (ReflectiveOperationException | RuntimeException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                unavailable = "no Bean Validation provider could start: " + cause.getMessage();
                validator = NONE;
            }
            return validator;
        }
    }

    private static Object call(Object o, String method) throws ReflectiveOperationException {
        Method m = o.getClass().getMethod(method);
        m.trySetAccessible();
        return m.invoke(o);
    }

    /**
     * The provider's property path ({@code parts[2].label}, Java names) as the bridge's path (wire names,
     * after {@code @JsonProperty} renames), following the types from the root class.
     */
    private static Path wirePath(Iterable<?> nodes, Class<?> root) throws ReflectiveOperationException {
        List<Path.Segment> out = new ArrayList<>();
        Type type = root;
        for (Object node : nodes) {
            if ((Boolean) call(node, "isInIterable")) {
                Integer index = (Integer) call(node, "getIndex");
                Object key = call(node, "getKey");
                if (index != null) out.add(new Path.Index(index));
                else if (key != null) out.add(new Path.Key(key instanceof Enum<?> e ? Names.enums(e.getClass()).names()[e.ordinal()] : key.toString()));
                type = element(type);
            }
            String name = (String) call(node, "getName");
            if (name == null || name.startsWith("<")) continue; // the bean itself, or a container element
            Prop p = prop(type, name);
            out.add(new Path.Key(p != null ? p.name : name));
            type = p != null ? p.type : Object.class;
        }
        return Path.of(out.toArray(new Path.Segment[0]));
    }

    private static Prop prop(Type type, String javaName) {
        Class<?> c = FromValue.raw(type);
        if (Kind.of(c) != Kind.OBJECT) return null;
        try {
            for (Prop p : Shape.of(c).props) if (p.source.endsWith("." + javaName)) return p;
        } catch (RuntimeException e) {
            return null;
        }
        return null;
    }

    private static Type element(Type t) {
        Class<?> c = FromValue.raw(t);
        return switch (Kind.of(c)) {
            case LIST, SET, COLLECTION, OPTIONAL -> FromValue.arg(t, 0);
            case MAP -> FromValue.arg(t, 1);
            case ARRAY -> FromValue.component(t);
            default -> Object.class;
        };
    }
}
