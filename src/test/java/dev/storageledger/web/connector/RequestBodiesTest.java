package dev.storageledger.web.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RequestBodiesTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final RequestBodies bodies = new RequestBodies();

    @BeforeEach
    void caps() {
        bodies.setMaximum(3, 2);
        bodies.setTimeout(Duration.ofSeconds(30));
    }

    @Test
    void a_client_with_its_cap_of_young_bodies_arriving_is_refused_another() {
        assertThat(bodies.admit(new Body(), "a", 0)).isEqualTo(RequestBodies.Admission.ADMITTED);
        assertThat(bodies.admit(new Body(), "a", 0)).isEqualTo(RequestBodies.Admission.ADMITTED);

        assertThat(bodies.admit(new Body(), "a", SECOND / 2)).isEqualTo(RequestBodies.Admission.CLIENT_FULL);
        assertThat(bodies.admit(new Body(), "b", SECOND / 2)).isEqualTo(RequestBodies.Admission.ADMITTED);
        assertThat(bodies.refused()).isEqualTo(1);
    }

    @Test
    void the_server_with_its_cap_of_young_bodies_arriving_refuses_another() {
        bodies.admit(new Body(), "a", 0);
        bodies.admit(new Body(), "b", 0);
        bodies.admit(new Body(), "c", 0);

        assertThat(bodies.admit(new Body(), "d", SECOND / 2)).isEqualTo(RequestBodies.Admission.SERVER_FULL);
    }

    @Test
    void at_a_cap_the_oldest_body_arriving_for_over_a_second_is_ended_to_make_room() {
        Body oldest = new Body();
        Body younger = new Body();
        bodies.admit(oldest, "a", 0);
        bodies.admit(younger, "b", SECOND / 2);
        bodies.admit(new Body(), "c", SECOND / 2);

        assertThat(bodies.admit(new Body(), "d", 2 * SECOND)).isEqualTo(RequestBodies.Admission.ADMITTED);
        assertThat(oldest.ended).isTrue();
        assertThat(younger.ended).isFalse();
        assertThat(bodies.evicted()).isEqualTo(1);
        assertThat(bodies.arriving()).isEqualTo(3);
    }

    @Test
    void a_client_at_its_cap_makes_room_among_its_own_bodies_only() {
        Body others = new Body();
        Body ownOldest = new Body();
        bodies.admit(others, "b", 0);
        bodies.admit(ownOldest, "a", SECOND / 2);
        bodies.admit(new Body(), "a", SECOND / 2);

        assertThat(bodies.admit(new Body(), "a", 2 * SECOND)).isEqualTo(RequestBodies.Admission.ADMITTED);
        assertThat(ownOldest.ended).isTrue();
        assertThat(others.ended).isFalse();
    }

    @Test
    void a_body_read_to_its_end_no_longer_counts() {
        Body done = new Body();
        bodies.admit(done, "a", 0);
        bodies.admit(new Body(), "a", 0);
        done.arriving = false;

        assertThat(bodies.admit(new Body(), "a", 0)).isEqualTo(RequestBodies.Admission.ADMITTED);
    }

    @Test
    void bodies_still_arriving_at_their_deadline_are_ended_once_and_give_their_places_back() {
        Body late = new Body();
        Body done = new Body();
        Body recent = new Body();
        bodies.admit(late, "a", 0);
        bodies.admit(done, "a", 0);
        bodies.admit(recent, "b", 20 * SECOND);
        done.arriving = false;

        bodies.endOverdue(31 * SECOND);
        bodies.endOverdue(32 * SECOND);

        assertThat(late.ends).isEqualTo(1);
        assertThat(done.ended).isFalse();
        assertThat(recent.ended).isFalse();
        assertThat(bodies.expired()).isEqualTo(1);
        assertThat(bodies.admit(new Body(), "a", 32 * SECOND)).isEqualTo(RequestBodies.Admission.ADMITTED);
    }

    @Test
    void a_released_body_gives_its_place_back() {
        Body answered = new Body();
        bodies.admit(answered, "a", 0);
        bodies.admit(new Body(), "a", 0);

        bodies.release(answered);

        assertThat(bodies.admit(new Body(), "a", 0)).isEqualTo(RequestBodies.Admission.ADMITTED);
    }

    /** A body that arrives until told otherwise, and counts how often it was ended. */
    private static final class Body implements RequestBodies.Body {

        private boolean arriving = true;
        private boolean ended;
        private int ends;

        @Override
        public boolean arriving() {
            return arriving;
        }

        @Override
        public void end() {
            ended = true;
            ends++;
        }
    }
}
