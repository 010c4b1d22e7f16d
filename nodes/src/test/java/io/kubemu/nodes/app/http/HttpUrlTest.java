package io.kubemu.nodes.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpUrlTest {
  private static HttpUrl url(String text) {
    return HttpUrl.parse(text).orElseThrow();
  }

  @Test
  void theSchemePortAndPathMayBeLeftOut() {
    assertEquals(new HttpUrl("10.96.0.20", 80, false, "/", "10.96.0.20"), url("10.96.0.20"));
    assertEquals(new HttpUrl("web", 8080, true, "/x?y=1", "web:8080"), url("http://web:8080/x?y=1#frag"));
    assertEquals(new HttpUrl("web", 80, false, "/?q", "web"), url("HTTP://web?q"));
    assertEquals(new HttpUrl("web", 80, true, "/", "web:80"), url("http://user:pw@web:80"));
  }

  @Test
  void httpsIsTakenOnlyWhereAskedForWith443ByDefault() {
    assertTrue(HttpUrl.parse("https://shop.example.com/cart").isEmpty(), "wget's parse: http only");
    HttpUrl tls = HttpUrl.parse("https://shop.example.com/cart", true).orElseThrow();
    assertEquals(new HttpUrl("shop.example.com", 443, false, "/cart", "shop.example.com", true), tls);
    assertEquals("shop.example.com", tls.hostHeader());
    assertEquals("https://shop.example.com:8443/", HttpUrl.parse("HTTPS://shop.example.com:8443", true).orElseThrow().text());
  }

  @Test
  void curlsHostFieldDropsTheDefaultPort() {
    assertEquals("web", url("http://web:80/").hostHeader());
    assertEquals("web:8080", url("web:8080").hostHeader());
    assertEquals("http://web:8080/a", url("web:8080/a").text());
  }

  @Test
  void otherSchemesAndBadPortsAreRefused() {
    assertEquals(Optional.empty(), HttpUrl.parse("https://web/"));
    assertEquals(Optional.empty(), HttpUrl.parse("ftp://web/"));
    assertEquals(Optional.empty(), HttpUrl.parse("http://web:0/"));
    assertEquals(Optional.empty(), HttpUrl.parse("http://web:http/"));
    assertEquals(Optional.empty(), HttpUrl.parse("http:///path"));
  }
}
