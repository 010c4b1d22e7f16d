package io.kubemu.emulator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.emulator.bench.PodTimes.Mark;
import org.junit.jupiter.api.Test;

class PodTimesTest {
  private static final long MS = 1_000_000;

  private static PodEvent event(String type, String name, String node, String phase, String ip) {
    return new PodEvent(type, name, node, phase, ip, "7", 0);
  }

  @Test
  void latenciesRunFromTheCreateRequestAndOnlyTheFirstTimeCounts() {
    PodTimes t = new PodTimes();
    t.started(100 * MS);
    t.mark("a", Mark.SENT, 100 * MS);
    t.mark("a", Mark.ACKED, 150 * MS);
    t.seen(event("ADDED", "a", null, "Pending", null), 120 * MS);
    t.seen(event("MODIFIED", "a", "w1", "Pending", null), 130 * MS);
    t.seen(event("MODIFIED", "a", "w1", "Running", "10.244.1.2"), 400 * MS);
    t.seen(event("MODIFIED", "a", "w1", "Running", "10.244.1.2"), 900 * MS);
    assertEquals(new Latencies(1, 50, 50, 50, 50), t.latencies(Mark.ACKED));
    assertEquals(new Latencies(1, 30, 30, 30, 30), t.latencies(Mark.BOUND));
    assertEquals(new Latencies(1, 300, 300, 300, 300), t.latencies(Mark.RUNNING));
    assertEquals(0.3, t.secondsToLast(Mark.RUNNING), 1e-9);
  }

  @Test
  void aPodWithoutACreateRequestIsTimedFromWhenTheWatchFirstSawIt() {
    PodTimes t = new PodTimes();
    t.started(0);
    t.seen(event("ADDED", "web-1", null, null, null), 1_000 * MS);
    t.seen(event("MODIFIED", "web-1", "w2", "Running", "10.244.2.9"), 1_250 * MS);
    assertEquals(250, t.latencies(Mark.RUNNING).p50());
    assertEquals(1.25, t.secondsToLast(Mark.RUNNING), 1e-9);
    assertEquals(0, t.latencies(Mark.ACKED).count());
  }

  @Test
  void runningNeedsAnIpAndDeletionsAreIgnored() {
    PodTimes t = new PodTimes();
    t.seen(event("MODIFIED", "a", "w1", "Running", null), 10 * MS);
    t.seen(event("DELETED", "b", "w1", "Running", "10.244.1.3"), 10 * MS);
    assertEquals(1, t.count(Mark.BOUND));
    assertEquals(0, t.count(Mark.RUNNING));
    assertEquals(1, t.count(Mark.ADDED), "the deleted pod was never counted");
  }

  @Test
  void nothingReachedIsZeroSeconds() {
    PodTimes t = new PodTimes();
    t.started(5);
    assertEquals(0, t.secondsToLast(Mark.RUNNING));
    assertEquals(Latencies.NONE, t.latencies(Mark.RUNNING));
  }

  @Test
  void theCsvHasAColumnPerMarkInMillisecondsFromTheStart() {
    PodTimes t = new PodTimes();
    t.started(1_000 * MS);
    t.mark("cp-0", Mark.SENT, 1_000 * MS);
    t.mark("cp-0", Mark.RUNNING, 1_250 * MS);
    t.mark("cp-1", Mark.SENT, 1_010 * MS);
    assertEquals("pod,sent_ms,acked_ms,added_ms,bound_ms,running_ms\ncp-0,0.0,,,,250.0\ncp-1,10.0,,,,\n", t.csv());
  }

  @Test
  void aWatchLineBecomesAnEvent() {
    PodEvent e = PodEvent.parse("{\"type\":\"MODIFIED\",\"object\":{\"kind\":\"Pod\",\"metadata\":{\"name\":\"p1\",\"resourceVersion\":\"12\"},"
        + "\"spec\":{\"nodeName\":\"w1\"},\"status\":{\"phase\":\"Running\",\"podIP\":\"10.244.0.2\"}}}");
    assertEquals(new PodEvent("MODIFIED", "p1", "w1", "Running", "10.244.0.2", "12", 0), e);
    assertTrue(e.running() && e.bound());
    PodEvent pending = PodEvent.parse("{\"type\":\"ADDED\",\"object\":{\"metadata\":{\"name\":\"p2\"},\"spec\":{},\"status\":{\"podIP\":\"\"}}}");
    assertEquals(new PodEvent("ADDED", "p2", null, null, null, null, 0), pending);
  }

  @Test
  void anExpiredWatchIsAnErrorEventWithItsCode() {
    PodEvent e = PodEvent.parse("{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"status\":\"Failure\",\"reason\":\"Expired\",\"code\":410}}");
    assertEquals("ERROR", e.type());
    assertEquals(410, e.errorCode());
  }

  @Test
  void aLineThatIsNoEventIsRefused() {
    var e = assertThrows(IllegalArgumentException.class, () -> PodEvent.parse("<html>bad gateway</html>"));
    assertTrue(e.getMessage().startsWith("watch event is not JSON: <html>"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PodEvent.parse("{\"object\":{}}"));
  }
}
