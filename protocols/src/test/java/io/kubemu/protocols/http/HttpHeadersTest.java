package io.kubemu.protocols.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpHeadersTest {
  private final HttpHeaders h = HttpHeaders.of("Host", "web", "Accept", "*/*", "connection", "Keep-Alive, Upgrade",
      "Connection", "close", "X-A", "1", "x-a", "2");

  @Test
  void namesMatchWithoutCaseAndOrderIsKept() {
    assertEquals(Optional.of("web"), h.first("HOST"));
    assertEquals(List.of("1", "2"), h.all("X-a"));
    assertTrue(h.contains("accept"));
    assertFalse(h.contains("Accept-Encoding"));
    assertEquals("X-A", h.fields().get(4).name(), "the name is kept as sent");
  }

  @Test
  void listFieldsSplitIntoLowerCaseTokens() {
    assertEquals(List.of("keep-alive", "upgrade", "close"), h.tokens("Connection"));
    assertTrue(h.hasToken("connection", "CLOSE"));
    assertEquals(List.of(), h.tokens("Transfer-Encoding"));
  }

  @Test
  void setReplacesInPlaceAndWithoutDrops() {
    assertEquals(HttpHeaders.of("Host", "web", "Accept", "*/*", "connection", "Keep-Alive, Upgrade",
        "Connection", "close", "x-A", "3"), h.set("x-A", "3"));
    assertEquals(HttpHeaders.of("A", "1", "B", "2"), HttpHeaders.of("A", "1").set("B", "2"));
    assertEquals(List.of("Host", "Accept", "X-A", "x-a"),
        h.without("CONNECTION").fields().stream().map(HttpHeaders.Field::name).toList());
    assertEquals(HttpHeaders.of("A", "1", "A", "2"), HttpHeaders.of("A", "1").with("A", "2"));
  }

  @Test
  void fieldsThatCouldNotBeSentAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> HttpHeaders.of("Bad Name", "v"));
    assertThrows(IllegalArgumentException.class, () -> HttpHeaders.of("", "v"));
    assertThrows(IllegalArgumentException.class, () -> HttpHeaders.of("X", " padded"));
    assertThrows(IllegalArgumentException.class, () -> HttpHeaders.of("X", "line\nbreak"));
    assertThrows(IllegalArgumentException.class, () -> HttpHeaders.of("X"));
  }
}
