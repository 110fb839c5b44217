package io.transports.jupyter;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.messages.MessageContext;

import java.lang.reflect.Field;

/**
 * The running JJava kernel as this extension sees it: its comm manager, and the parent of outgoing
 * comm messages. What is live in the kernel (servers, widgets, the lock) is its {@link Notebook}.
 */
final class Kernel {
    /** CommManager keeps the parent of outgoing comm messages in a protected field with no getter. */
    private static final Field CONTEXT = contextField();

    private Kernel() {
    }

    static BaseKernel get() {
        try {
            return BaseKernel.notebookKernel();
        } catch (RuntimeException e) {
            throw new IllegalStateException("no JJava kernel is running in this JVM: widgets work inside a JJava notebook only", e);
        }
    }

    static CommManager comms() {
        return get().getCommManager();
    }

    /**
     * Runs {@code send} with outgoing comm messages parented to {@code parent} (the request being
     * answered), then restores the previous parent. Call with the notebook's lock held, from the shell thread.
     */
    static void withParent(CommManager manager, MessageContext parent, Runnable send) {
        if (parent == null || CONTEXT == null) {
            send.run();
            return;
        }
        Object previous;
        try {
            previous = CONTEXT.get(manager);
        } catch (ReflectiveOperationException | RuntimeException e) {
            send.run();
            return;
        }
        manager.setMessageContext(parent);
        try {
            send.run();
        } finally {
            manager.setMessageContext((MessageContext) previous);
        }
    }

    /** The message the kernel is handling now (an execute request while a cell runs), or null. */
    static Object context() {
        if (CONTEXT == null) return null;
        try {
            return CONTEXT.get(comms());
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static Field contextField() {
        try {
            Field f = CommManager.class.getDeclaredField("context");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
