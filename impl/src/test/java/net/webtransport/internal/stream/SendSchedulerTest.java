package net.webtransport.internal.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SendSchedulerTest {
    final SendScheduler scheduler = new SendScheduler();

    /** Picks {@code n} times, marking each pick served, and returns the picks. */
    List<Long> picks(int n) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long id = scheduler.next();
            out.add(id);
            scheduler.served(id);
        }
        return out;
    }

    @Test
    void withinAGroupTheHighestSendOrderAlwaysGoesFirst() {
        scheduler.add(4, 0, 1);
        scheduler.add(8, 0, 2);
        scheduler.add(12, 0, -5);
        scheduler.ready(4);
        scheduler.ready(8);
        scheduler.ready(12);
        assertEquals(List.of(8L, 8L, 8L), picks(3));
        scheduler.unready(8);
        assertEquals(List.of(4L, 4L), picks(2));
        scheduler.unready(4);
        assertEquals(List.of(12L), picks(1));
    }

    @Test
    void streamsOfEqualSendOrderTakeTurns() {
        scheduler.add(4, 0, 0);
        scheduler.add(8, 0, 0);
        scheduler.add(12, 0, 0);
        scheduler.ready(4);
        scheduler.ready(8);
        scheduler.ready(12);
        assertEquals(List.of(4L, 8L, 12L, 4L, 8L, 12L), picks(6));
    }

    @Test
    void sendGroupsShareTheConnectionWhateverTheirStreamsOrders() {
        scheduler.add(4, 1, 1_000_000);
        scheduler.add(8, 2, -1_000_000);
        scheduler.ready(4);
        scheduler.ready(8);
        assertEquals(List.of(4L, 8L, 4L, 8L), picks(4));
    }

    @Test
    void aNewSendOrderTakesEffectAtTheNextPick() {
        scheduler.add(4, 0, 1);
        scheduler.add(8, 0, 2);
        scheduler.ready(4);
        scheduler.ready(8);
        assertEquals(List.of(8L), picks(1));
        scheduler.update(4, 0, 3);
        assertEquals(List.of(4L, 4L), picks(2));
    }

    @Test
    void onlyReadyStreamsArePicked() {
        scheduler.add(4, 0, 9);
        scheduler.add(8, 0, 0);
        assertEquals(-1, scheduler.next());
        scheduler.ready(8);
        assertEquals(List.of(8L), picks(1));
        scheduler.remove(8);
        assertEquals(-1, scheduler.next());
        assertEquals(0, scheduler.readyCount());
    }
}
