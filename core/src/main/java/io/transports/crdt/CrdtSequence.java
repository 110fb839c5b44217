package io.transports.crdt;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code String} field as collaborative text (a sequence of characters that materialises as a
 * string) or a {@code List} field as a collaborative list (elements keep their identity, so two writers
 * inserting at one place both keep their insert). Read by {@link io.transports.bridge.CrdtSpecs#of(Class)}.
 *
 * <pre>{@code
 * record Note(String title, @CrdtSequence String body, @CrdtSequence List<String> items) {}
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
public @interface CrdtSequence {
    /** The elements of a list merge as registers unless they are maps of fields ({@code true}: by field). */
    boolean elementsByField() default false;
}
