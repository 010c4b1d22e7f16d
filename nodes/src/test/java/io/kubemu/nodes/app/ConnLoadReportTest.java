package io.kubemu.nodes.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** conn-load's one line, as the program prints it and the bench reads it back. */
class ConnLoadReportTest {
  @Test
  void theLineReadsBackAsItWasWritten() {
    ConnLoadReport r = new ConnLoadReport(16, 4210, 3, 10.0021, Map.of("web-2", 2109L, "web-1", 2101L),
        Map.of("timeout", 1L, "connect-connection-refused", 2L), 16);
    assertEquals("conn-load: connections=16 completed=4210 failed=3 seconds=10.002 endpoints=web-1:2101,web-2:2109"
        + " failures=connect-connection-refused:2,timeout:1 aborted=16", r.line());
    ConnLoadReport back = ConnLoadReport.parse("some noise\n" + r.line() + "\n");
    assertEquals(r.endpoints(), back.endpoints());
    assertEquals(r.failures(), back.failures());
    assertEquals(4210, back.completed());
    assertEquals(10.002, back.seconds(), 1e-9);
    assertEquals(420.9158, back.perSecond(), 1e-3);
  }

  @Test
  void emptyCountsAreADash() {
    ConnLoadReport r = new ConnLoadReport(1, 0, 0, 1, Map.of(), Map.of(), 0);
    assertTrue(r.line().contains(" endpoints=- failures=- "), r.line());
    assertEquals(Map.of(), ConnLoadReport.parse(r.line()).endpoints());
    assertEquals(0, new ConnLoadReport(1, 5, 0, 0, Map.of(), Map.of(), 0).perSecond());
  }

  @Test
  void outputWithoutAReportSaysWhatItGot() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ConnLoadReport.parse("conn-load: bad HOST 'web'\n"));
    assertTrue(e.getMessage().startsWith("bad field 'bad' in: conn-load: bad HOST 'web'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ConnLoadReport.parse("exec failed"));
    assertEquals("no line starting with 'conn-load:' in the output: 'exec failed'", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ConnLoadReport.parse("conn-load: connections=1 completed=2"));
    assertEquals("no failed= in: conn-load: connections=1 completed=2", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ConnLoadReport.parse(
        "conn-load: connections=1 completed=x failed=0 seconds=1 endpoints=- failures=- aborted=0"));
    assertTrue(e.getMessage().startsWith("bad number in: "), e.getMessage());
  }
}
