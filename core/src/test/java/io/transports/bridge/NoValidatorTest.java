package io.transports.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Without Bean Validation on the class path everything works as before. The test runs core and a
 * constrained class in a class loader made from this test's own class path minus the validation jars
 * (the API, Hibernate Validator, Expressly), with the platform loader as parent, so nothing of them
 * can be found — the honest version of "a user who did not add the dependency".
 */
class NoValidatorTest {

    /** Runs inside the isolated loader: hosts a constrained bean, proposes a value past its @Max. */
    public static final class Probe implements Supplier<String> {
        @Override public String get() {
            io.transports.Session s = new io.transports.Session();
            FormFixtures.Machine m = new FormFixtures.Machine();
            long id = s.host(m);
            var r = s.submit(id, new io.transports.patch.Patch(0, List.of(new io.transports.patch.Op.Set(
                    io.transports.value.Path.parse("speed"), io.transports.value.Value.of(101)))));
            String schema = JsonSchema.of(FormFixtures.Machine.class);
            return r.accepted() + " " + m.speed + " " + BeanValidation.active() + " " + schema.contains("x-messages")
                    + " " + BeanValidation.whyInactive();
        }
    }

    private static URLClassLoader withoutValidation() throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : cp.split(File.pathSeparator)) {
            String name = new File(entry).getName();
            if (name.startsWith("jakarta.validation") || name.startsWith("hibernate-validator") || name.startsWith("expressly")
                    || name.startsWith("jakarta.el")) continue;
            urls.add(new File(entry).toURI().toURL());
        }
        return new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
    }

    @Test void theLoaderReallyLacksTheApi() throws Exception {
        try (URLClassLoader loader = withoutValidation()) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName("jakarta.validation.Validation", false, loader));
        }
    }

    @Test @SuppressWarnings("unchecked") void proposalsAreAcceptedAndSchemasHaveNoConstraints() throws Exception {
        try (URLClassLoader loader = withoutValidation()) {
            Class<?> probe = Class.forName(Probe.class.getName(), true, loader);
            assertFalse(probe == Probe.class, "the probe must come from the isolated loader");
            String out = ((Supplier<String>) probe.getDeclaredConstructor().newInstance()).get();
            assertEquals("true 101 false false jakarta.validation is not on the class path", out);
        }
    }
}
