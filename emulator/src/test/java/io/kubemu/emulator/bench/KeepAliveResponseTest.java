package io.kubemu.emulator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The built-in load client's response reader, on bytes as a server sends them back to back. */
class KeepAliveResponseTest {
  private static InputStream bytes(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void responsesOnOneConnectionAreReadOneAfterAnother() throws IOException {
    InputStream in = bytes("HTTP/1.1 200 OK\r\nDate: x\r\nContent-Length: 9\r\nContent-Type: text/plain\r\n\r\nsvc-bench"
        + "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    KeepAliveResponse first = KeepAliveResponse.read(in);
    assertEquals(200, first.status());
    assertFalse(first.close());
    KeepAliveResponse second = KeepAliveResponse.read(in);
    assertEquals(503, second.status());
    assertTrue(second.close());
    assertThrows(EOFException.class, () -> KeepAliveResponse.read(in));
  }

  @Test
  void http10ClosesUnlessItSaysKeepAlive() throws IOException {
    assertTrue(KeepAliveResponse.read(bytes("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n")).close());
    assertFalse(KeepAliveResponse.read(bytes("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n")).close());
  }

  @Test
  void whatALoadClientCannotFollowIsRefused() {
    assertEquals("a chunked body (expected: a Content-Length)", assertThrows(IOException.class,
        () -> KeepAliveResponse.read(bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"))).getMessage());
    assertEquals("no Content-Length in the response to a kept-alive request", assertThrows(IOException.class,
        () -> KeepAliveResponse.read(bytes("HTTP/1.1 200 OK\r\n\r\n"))).getMessage());
    assertEquals("bad status line: 'SSH-2.0-OpenSSH' (expected: HTTP/1.x CODE REASON)", assertThrows(IOException.class,
        () -> KeepAliveResponse.read(bytes("SSH-2.0-OpenSSH\r\n\r\n"))).getMessage());
    assertEquals("the body was cut short: 3 of 9 bytes", assertThrows(EOFException.class,
        () -> KeepAliveResponse.read(bytes("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nsvc"))).getMessage());
    assertEquals("the response head was cut short", assertThrows(EOFException.class,
        () -> KeepAliveResponse.read(bytes("HTTP/1.1 200 OK\r\nContent-Len"))).getMessage());
    assertTrue(assertThrows(IOException.class, () -> KeepAliveResponse.read(bytes("HTTP/1.1 200 OK\r\nX: "
        + "a".repeat(20_000) + "\r\n\r\n"))).getMessage().startsWith("a response head over 16384 bytes"));
  }
}
