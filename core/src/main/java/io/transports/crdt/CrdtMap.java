package io.transports.crdt;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field to merge key by key instead of as one value: on a {@code Map} field, a map of registers
 * (two writers setting different keys both keep theirs; a set wins over a concurrent remove); on a
 * field of a record or bean type, a map whose fields get the policies their own annotations say.
 * Read by {@link io.transports.bridge.CrdtSpecs#of(Class)}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
public @interface CrdtMap {}
