package io.kubemu.emulator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** wrk's report read back: golden output of wrk 4.1.0 (Debian 12), with and without errors. */
class WrkOutputTest {
  /** A real run against python3 -m http.server: its last line has no newline. */
  private static final String CLEAN = """
      Running 2s test @ http://127.0.0.1:18931/
        1 threads and 4 connections
        Thread Stats   Avg      Stdev     Max   +/- Stdev
          Latency    29.30ms    9.74ms  46.94ms   69.26%
          Req/Sec   135.40     21.13   180.00     65.00%
        270 requests in 2.00s, 3.85MB read
      Requests/sec:    134.89
      Transfer/sec:      1.92MB""";

  /** The lines wrk adds when some requests failed (src/wrk.c), and units past the thousands. */
  private static final String WITH_ERRORS = """
      Running 1m test @ http://127.0.0.1:30080/
        1 threads and 16 connections
        Thread Stats   Avg      Stdev     Max   +/- Stdev
          Latency   850.12us  300.00us   5.00ms   90.00%
          Req/Sec    18.20k     1.00k   20.00k    70.00%
        1.09M requests in 1.00m, 160.12MB read
        Socket errors: connect 2, read 3, write 0, timeout 7
        Non-2xx or 3xx responses: 11
      Requests/sec:  18166.40
      Transfer/sec:      2.67MB
      """;

  @Test
  void aCleanRunGivesItsRateRequestsAndLatency() {
    HttpLoadResult r = WrkOutput.parse("wrk", CLEAN);
    assertEquals("wrk", r.client());
    assertEquals(134.89, r.requestsPerSecond(), 1e-9);
    assertEquals(270, r.requests());
    assertEquals(2.0, r.seconds(), 1e-9);
    assertEquals(0, r.errors());
    assertEquals(29.30, r.latencyMs(), 1e-9);
  }

  @Test
  void errorsOfEveryKindAreAddedUpAndUnitsScaled() {
    HttpLoadResult r = WrkOutput.parse("wrk", WITH_ERRORS);
    assertEquals(18166.40, r.requestsPerSecond(), 1e-9);
    assertEquals(1_090_000, r.requests());
    assertEquals(60.0, r.seconds(), 1e-9);
    assertEquals(2 + 3 + 7 + 11, r.errors());
    assertEquals(0.85012, r.latencyMs(), 1e-9);
  }

  @Test
  void somethingElseIsRefusedWithWhatCame() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> WrkOutput.parse("wrk", "unable to connect to 127.0.0.1:18999 Connection refused"));
    assertTrue(e.getMessage().startsWith("no 'Requests/sec:' and 'N requests in T' lines in wrk's output: 'unable to connect"),
        e.getMessage());
  }
}
