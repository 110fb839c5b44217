package io.transports.crdt;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code List} or {@code Set} field as an add-wins set: a member added concurrently with its
 * removal stays. Members are identified by their whole value, or, with {@link #keys}, by those fields of
 * a record or bean element (dotted for nested fields, e.g. {@code "meta.id"}); a keyed member's other
 * fields merge field by field. Read by {@link io.transports.bridge.CrdtSpecs#of(Class)}.
 *
 * <pre>{@code
 * record Board(@CrdtSet(keys = "id") List<Card> cards, @CrdtSet Set<String> tags) {}
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
public @interface CrdtSet {
    /** The identity fields of an element; empty: the whole value is the identity. */
    String[] keys() default {};
}
