package io.transports.jupyter;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The jar carries widget-js's anywidget module, copied in from widget-js/dist by the build. */
class WidgetBundleTest {

    @Test
    void bundleIsAnEsModuleWithADefaultExport() {
        String esm = WidgetBundle.esm();
        assertTrue(esm.contains("export"), "widget.js should be an ES module");
        assertTrue(esm.contains("ready"), "the module should say ready to the kernel");
    }
}
