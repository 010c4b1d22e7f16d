package io.kubemu.protocols.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.kubemu.protocols.wire.MalformedPacketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Chunking, truncation and garbage: the parsers give the same messages or only MalformedPacketException. */
class HttpParserRandomTest {
  private static final byte[][] REQUESTS = {HttpGolden.CURL_GET, HttpGolden.CURL_POST, HttpGolden.BUSYBOX_WGET_GET,
      HttpGolden.GNU_WGET_GET};
  private static final byte[][] RESPONSES = {HttpGolden.NGINX_404, HttpGolden.CHUNKED, HttpGolden.CONTINUE_THEN_OK};

  private static Supplier<MessageParser<?>> requests() {
    return () -> new HttpRequestParser(HttpLimits.DEFAULT);
  }

  private static Supplier<MessageParser<?>> responses() {
    return () -> new HttpResponseParser("GET", HttpLimits.DEFAULT);
  }

  private static Object parseWhole(Supplier<MessageParser<?>> parsers, byte[] wire) {
    MessageParser<?> p = parsers.get();
    p.feed(wire);
    return p.next().orElseThrow();
  }

  @Test
  void everySplitPointInTwoChunksGivesTheSameMessage() {
    for (byte[][] set : new byte[][][] {REQUESTS, RESPONSES}) {
      Supplier<MessageParser<?>> parsers = set == REQUESTS ? requests() : responses();
      for (byte[] wire : set) {
        Object whole = parseWhole(parsers, wire);
        for (int cut = 0; cut <= wire.length; cut++) {
          MessageParser<?> p = parsers.get();
          p.feed(Arrays.copyOfRange(wire, 0, cut));
          Optional<?> early = p.next();
          assertTrue(early.isEmpty() || cut == wire.length, "complete after " + cut + " of " + wire.length);
          p.feed(Arrays.copyOfRange(wire, cut, wire.length));
          Object split = early.isPresent() ? early.get() : p.next().orElseThrow();
          assertEquals(whole, split, "cut at " + cut);
          assertTrue(p.idle(), "cut at " + cut);
        }
      }
    }
  }

  @Test
  void oneByteAtATimeGivesTheSameMessage() {
    for (byte[] wire : RESPONSES) {
      HttpResponseParser p = new HttpResponseParser("GET", HttpLimits.DEFAULT);
      Optional<HttpResponse> got = Optional.empty();
      for (byte b : wire) {
        assertTrue(got.isEmpty());
        p.feed(new byte[] {b});
        got = p.next();
      }
      assertEquals(parseWhole(responses(), wire), got.orElseThrow());
    }
  }

  @Test
  void everyTruncationIsMalformedAtTheEnd() {
    for (byte[][] set : new byte[][][] {REQUESTS, RESPONSES}) {
      Supplier<MessageParser<?>> parsers = set == REQUESTS ? requests() : responses();
      for (byte[] wire : set) {
        for (int len = 1; len < wire.length; len++) {
          MessageParser<?> p = parsers.get();
          p.feed(Arrays.copyOfRange(wire, 0, len));
          assertEquals(Optional.empty(), p.next(), "length " + len);
          if (wire == HttpGolden.CONTINUE_THEN_OK && len == "HTTP/1.1 100 Continue\r\n\r\n".length()) {
            assertEquals(Optional.empty(), p.endOfStream(), "only the interim response came: no response");
            continue;
          }
          int n = len;
          MalformedPacketException e = assertThrows(MalformedPacketException.class, p::endOfStream, "length " + len);
          assertEquals(n, e.offset(), e.getMessage());
        }
      }
    }
  }

  @Test
  void randomBytesAndMutatedMessagesOnlyEverFailAsMalformed() {
    Random rnd = new Random(9112);
    int parsed = 0;
    List<byte[]> goldens = new ArrayList<>(Arrays.asList(REQUESTS));
    goldens.addAll(Arrays.asList(RESPONSES));
    for (int i = 0; i < 30_000; i++) {
      int pick = rnd.nextInt(goldens.size());
      boolean request = pick < REQUESTS.length;
      byte[] wire = garbage(rnd, goldens.get(pick));
      HttpLimits limits = rnd.nextInt(3) > 0 ? HttpLimits.DEFAULT
          : new HttpLimits(16 + rnd.nextInt(400), 1 + rnd.nextInt(10), rnd.nextInt(300));
      MessageParser<?> p = request ? new HttpRequestParser(limits)
          : new HttpResponseParser(rnd.nextInt(4) == 0 ? "HEAD" : "GET", limits);
      try {
        int at = 0;
        while (at < wire.length) {
          int n = 1 + rnd.nextInt(wire.length - at);
          p.feed(Arrays.copyOfRange(wire, at, at + n));
          at += n;
          while (p.next().isPresent()) {
            parsed++;
          }
        }
        if (p.endOfStream().isPresent()) {
          parsed++;
        }
      } catch (MalformedPacketException e) {
        assertTrue(e.offset() >= 0 && e.offset() <= wire.length, e.getMessage());
        assertTrue(p.failureStatus() >= 400, e.getMessage());
      } catch (RuntimeException e) {
        fail("iteration " + i + " threw " + e + " for " + new String(wire, java.nio.charset.StandardCharsets.ISO_8859_1), e);
      }
    }
    assertTrue(parsed > 2_000, "only " + parsed + " messages parsed: the generator is too weak");
  }

  /** Pure noise, or a golden message with a few bytes replaced by noise or by HTTP's own punctuation. */
  private static byte[] garbage(Random rnd, byte[] golden) {
    if (rnd.nextInt(10) == 0) {
      byte[] b = new byte[rnd.nextInt(200)];
      rnd.nextBytes(b);
      return b;
    }
    byte[] b = Arrays.copyOf(golden, Math.max(0, golden.length - rnd.nextInt(3) * rnd.nextInt(golden.length + 1) / 2));
    byte[] punctuation = {'\r', '\n', ' ', ':', ',', ';', '0', 'f', '\t', 0, (byte) 0xFF};
    int edits = rnd.nextInt(4);
    for (int e = 0; e < edits && b.length > 0; e++) {
      int at = rnd.nextInt(b.length);
      b[at] = rnd.nextBoolean() ? punctuation[rnd.nextInt(punctuation.length)] : (byte) rnd.nextInt(256);
    }
    return b;
  }
}
