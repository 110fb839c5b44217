package io.transports.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.Session;
import io.transports.SubmitResult;
import io.transports.bridge.FormFixtures.Machine;
import io.transports.bridge.FormFixtures.Part;
import io.transports.patch.Op;
import io.transports.patch.Patch;
import io.transports.value.Path;
import io.transports.value.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Proposals checked by Bean Validation, with Hibernate Validator on the test class path: a proposal
 * that breaks a constraint is refused naming the path and the provider's message, and nothing changes.
 */
class ValidatedProposalTest {

    private static SubmitResult propose(Session s, long id, Op... ops) { return s.submit(id, new Patch(0, List.of(ops))); }

    private static Value part(String label, double weight) {
        return Value.map(Map.of("label", Value.of(label), "weight", Value.of(weight)));
    }

    @Test void aProviderIsFound() {
        assertTrue(BeanValidation.active(), String.valueOf(BeanValidation.whyInactive()));
    }

    @Test void aValueOutsideMinMaxIsRefusedWithThePathAndTheMessage() {
        Session s = new Session();
        Machine m = new Machine();
        long id = s.host(m);
        SubmitResult r = propose(s, id, new Op.Set(Path.parse("speed"), Value.of(101)));
        assertFalse(r.accepted());
        assertEquals("at speed: must be less than or equal to 100", r.refusal());
        assertEquals(10, m.speed, "nothing changed");
        assertTrue(propose(s, id, new Op.Set(Path.parse("speed"), Value.of(100))).accepted());
        assertEquals(100, m.speed);
    }

    @Test void renamedPropertiesAreNamedAsOnTheWire() {
        Session s = new Session();
        long id = s.host(new Machine());
        assertEquals("at max-load: must be less than or equal to 50",
                propose(s, id, new Op.Set(Path.parse("max-load"), Value.of(51))).refusal());
    }

    @Test void everyViolationIsListedSortedInOneMessage() {
        Session s = new Session();
        long id = s.host(new Machine());
        SubmitResult r = propose(s, id, new Op.Set(Path.parse("speed"), Value.of(-1)),
                new Op.Set(Path.parse("name"), Value.of("  ")), new Op.Set(Path.parse("owner"), Value.of("nobody")));
        assertEquals("at name: must not be blank; at owner: must be a well-formed email address; "
                + "at speed: must be greater than or equal to 0", r.refusal());
    }

    @Test void nestedItemsAndContainerElementsAreCheckedWithTheirIndexOrKey() {
        Session s = new Session();
        Machine m = new Machine();
        long id = s.host(m);
        assertTrue(propose(s, id, new Op.Insert(Path.parse("parts"), 0, part("gear", 2))).accepted());
        assertEquals(List.of(new Part("gear", 2)), m.parts);
        assertEquals("at parts[1].weight: must be greater than 0",
                propose(s, id, new Op.Insert(Path.parse("parts"), 1, part("bad", 0))).refusal());
        assertEquals("at stock.bolts: must be greater than or equal to 0",
                propose(s, id, new Op.Set(Path.parse("stock", "bolts"), Value.of(-3))).refusal());
        assertTrue(propose(s, id, new Op.Set(Path.parse("stock", "bolts"), Value.of(3))).accepted());
    }

    @Test void aListPastItsSizeIsRefused() {
        Session s = new Session();
        Machine m = new Machine();
        m.parts.addAll(List.of(new Part("a", 1), new Part("b", 1), new Part("c", 1)));
        long id = s.host(m);
        assertEquals("at parts: size must be between 0 and 3",
                propose(s, id, new Op.Insert(Path.parse("parts"), 3, part("d", 1))).refusal());
        assertEquals(3, m.parts.size());
    }

    @Test void hostWritesAreNotValidatedAndDoNotBlockOtherProposals() {
        Session s = new Session();
        Machine m = new Machine();
        long id = s.host(m);
        m.speed = 500; // the host is the authority: its writes travel as they are
        assertEquals(500, ((io.transports.value.IntValue) ((io.transports.value.MapValue) s.value(id)).get("speed")).value());
        SubmitResult r = propose(s, id, new Op.Set(Path.parse("name"), Value.of("drill")));
        assertTrue(r.accepted(), "a proposal is refused for what it breaks, not for the host's own values: " + r.refusal());
        assertEquals("drill", m.name);
    }

    /** @Email on an int: the provider cannot validate it at all (UnexpectedTypeException). */
    public static class Miswired {
        @jakarta.validation.constraints.Email public int count = 1;
    }

    @Test void aValidatorThatCannotHandleAClassDoesNotBlockEdits() {
        Session s = new Session();
        Miswired m = new Miswired();
        long id = s.host(m);
        assertTrue(propose(s, id, new Op.Set(Path.parse("count"), Value.of(2))).accepted());
        assertEquals(2, m.count);
        assertTrue(BeanValidation.lastFailure().contains("Miswired"), BeanValidation.lastFailure());
    }

    @Test void theSwitchTurnsValidationOff() {
        String old = System.getProperty("transports.validation");
        System.setProperty("transports.validation", "false");
        BeanValidation.reset();
        try {
            assertFalse(BeanValidation.active());
            assertNull(BeanValidation.check(new Machine() {{ speed = 1000; }}));
            Session s = new Session();
            Machine m = new Machine();
            long id = s.host(m);
            assertTrue(propose(s, id, new Op.Set(Path.parse("speed"), Value.of(101))).accepted());
        } finally {
            if (old == null) System.clearProperty("transports.validation");
            else System.setProperty("transports.validation", old);
            BeanValidation.reset();
        }
        assertTrue(BeanValidation.active());
    }
}
