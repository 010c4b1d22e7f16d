package io.kubemu.nodes.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SendWindowTest {
  private static SendWindow sent(int size, int n) {
    SendWindow w = new SendWindow(size);
    for (int i = 0; i < n; i++) {
      w.sent();
    }
    return w;
  }

  @Test
  void aFullWindowWaitsForAcks() {
    SendWindow w = sent(4, 4);
    assertFalse(w.canSend());
    w.acked(3);
    assertTrue(w.canSend());
    assertEquals(1, w.inFlight());
  }

  @Test
  void acksAreCumulativeAndAnOldOneChangesNothing() {
    SendWindow w = sent(8, 6);
    w.acked(5);
    w.acked(2);
    assertEquals(5, w.deliveredCount());
    assertEquals(1, w.inFlight());
  }

  @Test
  void aProbeAnswerWritesOffWhatItDoesNotCount() {
    SendWindow w = sent(4, 4);
    w.probeAnswered(1, 4);
    assertEquals(3, w.lostCount());
    assertEquals(0, w.inFlight());
    assertTrue(w.canSend());
  }

  @Test
  void aProbeAnsweredAfterLaterSendsWritesOffOnlyWhatWasSentBeforeIt() {
    SendWindow w = sent(8, 4);
    w.sent();
    w.sent();
    w.probeAnswered(3, 4);
    assertEquals(1, w.lostCount());
    assertEquals(2, w.inFlight());
  }

  @Test
  void aWindowBelowOneFails() {
    var e = assertThrows(IllegalArgumentException.class, () -> new SendWindow(0));
    assertEquals("bad window: 0 (expected: >= 1)", e.getMessage());
  }
}
