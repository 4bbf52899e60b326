package dev.rill.connect.internal.herder;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ForeignGroupMembersTest {
    @Test
    void warnsAtTheFirstRefusalThenOnlyEveryThirtySecondsWhileItLasts() {
        ForeignGroupMembers f = new ForeignGroupMembers();
        assertThat(f.refusing()).isFalse();
        assertThat(f.refused(1_000)).isTrue();
        assertThat(f.refusing()).isTrue();
        for (long t = 1_500; t < 31_000; t += 500) {
            assertThat(f.refused(t)).as("refusal at %d ms", t).isFalse();
        }
        assertThat(f.refused(31_000)).isTrue();
        assertThat(f.refused(31_500)).isFalse();
        assertThat(f.refusals()).isEqualTo(62);
        assertThat(f.refusedForMs(31_500)).isEqualTo(30_500);
    }

    @Test
    void joiningEndsTheEpisodeSoTheNextRefusalWarnsAgain() {
        ForeignGroupMembers f = new ForeignGroupMembers();
        f.refused(0);
        f.refused(500);
        assertThat(f.joined()).isEqualTo(2);
        assertThat(f.refusing()).isFalse();
        assertThat(f.refusedForMs(10_000)).isZero();
        assertThat(f.refused(1_000)).isTrue();
        assertThat(f.refusals()).isEqualTo(1);
    }

    @Test
    void theWarningNamesTheGroupWhatIsWrongAndWhatToDo() {
        assertThat(ForeignGroupMembers.warning("connect-cluster", 4_200, 9))
                .contains("'connect-cluster'")
                .contains("INCONSISTENT_GROUP_PROTOCOL; 9 attempt(s) in 4200 ms")
                .contains("stop every Apache worker of this group.id")
                .contains("session.timeout.ms")
                .contains("keeps trying to join");
    }
}
