package io.kubemu.protocols.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.protocols.wire.MalformedPacketException;
import java.nio.charset.StandardCharsets;

/** Messages as real clients and servers put them on the wire, byte for byte, and how a parser must refuse bad ones. */
final class HttpGolden {
  private HttpGolden() {}

  /** curl 8.5.0 (Ubuntu 24.04), {@code curl http://127.0.0.1:30080/}: Host keeps a non-default port. */
  static final byte[] CURL_GET = bytes("GET / HTTP/1.1\r\n"
      + "Host: 127.0.0.1:30080\r\n"
      + "User-Agent: curl/8.5.0\r\n"
      + "Accept: */*\r\n"
      + "\r\n");

  /** curl 8.5.0, {@code curl -d msg=hello http://10.96.0.20/echo}: -d makes a form POST with a length. */
  static final byte[] CURL_POST = bytes("POST /echo HTTP/1.1\r\n"
      + "Host: 10.96.0.20\r\n"
      + "User-Agent: curl/8.5.0\r\n"
      + "Accept: */*\r\n"
      + "Content-Length: 9\r\n"
      + "Content-Type: application/x-www-form-urlencoded\r\n"
      + "\r\n"
      + "msg=hello");

  /**
   * busybox 1.36 wget, {@code wget -qO- http://10.96.0.20/}: networking/wget.c sends Host, User-Agent
   * "Wget" and always Connection: close.
   */
  static final byte[] BUSYBOX_WGET_GET = bytes("GET / HTTP/1.1\r\n"
      + "Host: 10.96.0.20\r\n"
      + "User-Agent: Wget\r\n"
      + "Connection: close\r\n"
      + "\r\n");

  /** GNU Wget 1.21.4, {@code wget http://127.0.0.1:30080/}: Host comes fourth, keep-alive asked for. */
  static final byte[] GNU_WGET_GET = bytes("GET / HTTP/1.1\r\n"
      + "User-Agent: Wget/1.21.4\r\n"
      + "Accept: */*\r\n"
      + "Accept-Encoding: identity\r\n"
      + "Host: 127.0.0.1:30080\r\n"
      + "Connection: Keep-Alive\r\n"
      + "\r\n");

  /** nginx 1.27.3's 404 for a missing file: its built-in error page, CRLF line ends, 153 bytes. */
  static final byte[] NGINX_404 = bytes("HTTP/1.1 404 Not Found\r\n"
      + "Server: nginx/1.27.3\r\n"
      + "Date: Tue, 26 Nov 2024 12:00:00 GMT\r\n"
      + "Content-Type: text/html\r\n"
      + "Content-Length: 153\r\n"
      + "Connection: keep-alive\r\n"
      + "\r\n"
      + "<html>\r\n"
      + "<head><title>404 Not Found</title></head>\r\n"
      + "<body>\r\n"
      + "<center><h1>404 Not Found</h1></center>\r\n"
      + "<hr><center>nginx/1.27.3</center>\r\n"
      + "</body>\r\n"
      + "</html>\r\n");

  /** nginx's answer to {@code curl -I}: the GET's headers, Content-Length 615 (its welcome page), no body. */
  static final byte[] NGINX_HEAD = bytes("HTTP/1.1 200 OK\r\n"
      + "Server: nginx/1.27.3\r\n"
      + "Date: Tue, 26 Nov 2024 12:00:00 GMT\r\n"
      + "Content-Type: text/html\r\n"
      + "Content-Length: 615\r\n"
      + "Last-Modified: Tue, 26 Nov 2024 14:16:25 GMT\r\n"
      + "Connection: keep-alive\r\n"
      + "ETag: \"6745d8c9-267\"\r\n"
      + "Accept-Ranges: bytes\r\n"
      + "\r\n");

  /** RFC 9112 section 7.1 by MDN's example: two chunks, "Mozilla" and "Developer Network", then the last chunk. */
  static final byte[] CHUNKED = bytes("HTTP/1.1 200 OK\r\n"
      + "Content-Type: text/plain\r\n"
      + "Transfer-Encoding: chunked\r\n"
      + "\r\n"
      + "7\r\n"
      + "Mozilla\r\n"
      + "11\r\n"
      + "Developer Network\r\n"
      + "0\r\n"
      + "\r\n");

  /** Go net/http's answer to {@code Expect: 100-continue}: an interim 100, then the final response. */
  static final byte[] CONTINUE_THEN_OK = bytes("HTTP/1.1 100 Continue\r\n"
      + "\r\n"
      + "HTTP/1.1 200 OK\r\n"
      + "Date: Tue, 26 Nov 2024 12:00:00 GMT\r\n"
      + "Content-Length: 6\r\n"
      + "Content-Type: text/plain; charset=utf-8\r\n"
      + "\r\n"
      + "hello\n");

  /** An HTTP/1.0 server without Content-Length: the body runs to the end of the connection. */
  static final byte[] UNTIL_CLOSE = bytes("HTTP/1.0 200 OK\r\n"
      + "Content-Type: text/plain\r\n"
      + "\r\n"
      + "all of it\n");

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /**
   * Feeding {@code wire} then closing fails with a message starting with {@code message}, answered
   * with {@code status}; the parser stays failed.
   */
  static void assertRejected(MessageParser<?> p, byte[] wire, int status, String message) {
    p.feed(wire);
    MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> {
      p.next();
      p.endOfStream();
    });
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
    assertEquals(status, p.failureStatus(), e.getMessage());
    assertThrows(MalformedPacketException.class, p::next, "a failed parser stays failed");
  }
}
