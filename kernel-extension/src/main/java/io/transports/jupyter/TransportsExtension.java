package io.transports.jupyter;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;

/**
 * The JJava extension entry point, found through META-INF/services when the jar is on the kernel's
 * classpath at start ({@code JJAVA_CLASSPATH}) or added later ({@code %jars}, {@code %maven}).
 *
 * <p>Install registers the comm targets ({@code transports} and {@code jupyter.widget.control}, so
 * a reloaded page can restore widgets before any cell runs) and the after-cell hook. It opens no
 * comm (the kernel is not connected yet) and never throws: nothing in the kernel catches it. The
 * kernel instantiates providers again on every classpath addition, so the constructor does nothing.
 */
public final class TransportsExtension implements Extension {

    @Override
    public void install(BaseKernel kernel) {
        try {
            Targets.register(kernel.getCommManager());
        } catch (Throwable e) {
            Log.warn("could not register the comm targets; widgets will not restore after a reload", e);
        }
        try {
            AfterCellHook.install(kernel);
        } catch (Throwable e) {
            Log.warn("could not install the after-cell hook; changes reach views on the sync interval only", e);
        }
    }

    @Override
    public void uninstall(BaseKernel kernel) {
        try {
            SyncLoop.stop();
        } catch (Throwable e) {
            Log.warn("could not stop the sync loop", e);
        }
    }
}
