package io.transports.merge;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Runs each property of the class it is added to {@value #FACTOR} times as many tries under
 * {@code -Dtransports.full=true}, so the default run stays short and the full run searches harder.
 */
public final class FullTries implements AroundPropertyHook {
    static final boolean FULL = Boolean.getBoolean("transports.full");
    static final int FACTOR = 25;

    @Override public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        if (FULL) context.attributes().tries().ifPresent(t -> context.attributes().setTries(t * FACTOR));
        return property.execute();
    }
}
